// A foreign key as a picker of parent records: a combo of the referenced model's records
// (by label), read on a worker so that opening a form never waits for the database.
#pragma once

#include <orm/Database.h>
#include <QComboBox>

namespace quarry::browser {

class BelongsToPicker : public QComboBox
{
    Q_OBJECT
public:
    // Lists the records of model; the key stored is their attribute keyAttribute.
    BelongsToPicker(const orm::Database &db, const QString &model, const QString &keyAttribute, bool allowNone,
                    QWidget *parent = nullptr);

    static constexpr int maxRecords = 1000;
    QString targetModel() const { return m_model; }
    bool isLoaded() const { return m_loaded; }
    // The chosen key; invalid for "(none)".
    QVariant key() const;
    void setKey(const QVariant &key);
    // Selects the record whose label contains text (tests, keyboard users).
    bool selectByLabel(const QString &text);

signals:
    void loaded();

private:
    void fill(const QList<std::pair<QVariant, QString>> &records);

    QString m_model;
    bool m_allowNone;
    bool m_loaded = false;
    QVariant m_pendingKey;
};

} // namespace quarry::browser
