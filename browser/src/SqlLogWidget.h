// The SQL log: every statement the ORM runs on the database, with its bound values,
// duration and outcome (fed by Database::addListener).
#pragma once

#include <orm/Database.h>
#include <QPlainTextEdit>

namespace quarry::browser {

class SqlLogWidget : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit SqlLogWidget(QWidget *parent = nullptr);
    ~SqlLogWidget() override;
    void setDatabase(const orm::Database &db);
    int statementCount() const { return m_count; }
    static QString format(const orm::SqlEvent &event);

public slots:
    void append(const orm::SqlEvent &event);

private:
    orm::Database m_db;
    int m_listener = -1;
    int m_count = 0;
};

} // namespace quarry::browser
