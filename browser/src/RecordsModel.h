// A lazy table over one model: rows are fetched a page at a time (findAll with limit and
// offset) when the view asks for more (canFetchMore/fetchMore), so a large table opens
// without loading it. On a paranoid model, showDeleted reads with paranoid=false and
// marks the soft-deleted rows.
#pragma once

#include <orm/ModelHandle.h>
#include <orm/Where.h>
#include <QAbstractTableModel>

namespace quarry::browser {

class RecordsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit RecordsModel(QObject *parent = nullptr);

    void setModelHandle(const orm::ModelHandle &handle);
    const orm::ModelHandle &modelHandle() const { return m_handle; }
    bool isParanoid() const { return m_handle.isValid() && m_handle.meta().isParanoid(); }
    void setShowDeleted(bool show);
    bool showDeleted() const { return m_showDeleted; }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }
    // Rows in the table (as the current paranoid setting counts them); -1 before known.
    qint64 totalCount() const { return m_total; }

    bool isDeleted(int row) const;
    // The where clause that picks exactly this row: its primary key value(s).
    orm::Where keyWhere(int row) const;
    QVariantMap keyValues(int row) const;
    QVariant value(int row, const QString &attribute) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

public slots:
    void reload();

signals:
    void countChanged(qint64 loaded, qint64 total);
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        QVariantList values;
        bool deleted = false;
    };
    orm::ModelHandle m_handle;
    QStringList m_attributes;
    QList<Row> m_rows;
    QList<orm::OrderBy> m_order;
    int m_pageSize = 200;
    qint64 m_total = -1;
    bool m_showDeleted = false;
    bool m_atEnd = true;
};

} // namespace quarry::browser
