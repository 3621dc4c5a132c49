// The models pane: a tree of models, with their fields, associations and options.
#pragma once

#include <orm/Database.h>
#include <QTreeWidget>

namespace quarry::browser {

class ModelTreeWidget : public QTreeWidget
{
    Q_OBJECT
public:
    explicit ModelTreeWidget(QWidget *parent = nullptr);
    void setDatabase(const orm::Database &db);
    QString selectedModel() const;
    QTreeWidgetItem *modelItem(const QString &model) const;

public slots:
    void selectModel(const QString &model);

signals:
    void modelSelected(const QString &model);

private:
    void addModel(const orm::ModelMeta &meta, bool junction);
    orm::Database m_db;
    bool m_selecting = false;
};

} // namespace quarry::browser
