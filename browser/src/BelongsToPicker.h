// A foreign key as a picker of parent records: a combo of the referenced model's records
// (by label) with a search box beside it. The combo lists the first maxRecords records, or
// those a search finds (in the database), and always the record picked now, wherever it
// is. Everything is read on workers, so opening a form never waits for the database.
#pragma once

#include <orm/Database.h>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace quarry::browser {

class BelongsToPicker : public QWidget
{
    Q_OBJECT
public:
    // Lists the records of model; the key stored is their attribute keyAttribute.
    BelongsToPicker(const orm::Database &db, const QString &model, const QString &keyAttribute, bool allowNone,
                    QWidget *parent = nullptr);

    static constexpr int maxRecords = 1000;
    QString targetModel() const { return m_model; }
    // False while the list or the label of the picked record is being read.
    bool isLoaded() const { return m_listLoaded && m_labelsPending == 0; }
    // True when more records match than are listed (search to find the others).
    bool isTruncated() const { return m_truncated; }
    QComboBox *comboBox() const { return m_combo; }
    QLineEdit *searchBox() const { return m_search; }
    // The chosen key; invalid for "(none)".
    QVariant key() const;
    // Picks key, listed or not (its label is read then).
    void setKey(const QVariant &key);
    // Selects the record whose label contains text (tests, keyboard users).
    bool selectByLabel(const QString &text);

public slots:
    // Lists the records matching text (the first ones when empty), read on a worker.
    void search(const QString &text);

signals:
    void loaded();

private:
    void fill(const QList<std::pair<QVariant, QString>> &records);
    void addUnlisted(const QVariant &key, const QString &label);
    void fetchLabel(const QVariant &key);
    int indexOfKey(const QVariant &key) const;
    void finishLoading();

    orm::Database m_db;
    QString m_model, m_keyAttribute;
    bool m_allowNone;
    bool m_listLoaded = false, m_everFilled = false, m_truncated = false;
    int m_generation = 0, m_labelsPending = 0;
    QVariant m_pendingKey; // set before the first list arrived
    QComboBox *m_combo;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
};

} // namespace quarry::browser
