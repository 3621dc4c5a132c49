// Back/forward history over the records the user visited (model + primary key), as a
// web browser keeps it: visiting a new record after going back drops the forward part.
#pragma once

#include <QList>
#include <QObject>
#include <QVariant>

namespace quarry::browser {

struct RecordLocation
{
    QString model;
    QVariant primaryKey;
    bool isValid() const { return !model.isEmpty() && primaryKey.isValid(); }
    bool operator==(const RecordLocation &o) const { return model == o.model && primaryKey == o.primaryKey; }
};

class NavigationHistory : public QObject
{
    Q_OBJECT
public:
    explicit NavigationHistory(QObject *parent = nullptr) : QObject(parent) {}

    // Records a visit; a visit to the current location is not a new entry.
    void visit(const RecordLocation &location);
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index >= 0 && m_index + 1 < m_entries.size(); }
    RecordLocation current() const { return m_entries.value(m_index); }
    int size() const { return int(m_entries.size()); }
    int index() const { return m_index; }
    void clear();

public slots:
    // Each moves and emits navigated with the new location; no-op at either end.
    void back();
    void forward();

signals:
    void navigated(const quarry::browser::RecordLocation &location);
    void changed(); // canGoBack/canGoForward may differ

private:
    QList<RecordLocation> m_entries;
    int m_index = -1;
};

} // namespace quarry::browser
