// A lazy table over one model, in the spirit of DB Browser for SQLite's RowLoader: the
// row count comes from a COUNT run on a worker (db.async()), and the rows are a cache of
// pages (findAll with limit and offset) fetched on a worker when the view first asks for
// them. The GUI thread never waits for the database; a page that is not resident yet shows
// a placeholder until it arrives. Pages far from the last row asked for are evicted, so
// scrolling through a table of a million rows keeps memory bounded.
//
// On a paranoid model, showDeleted reads with paranoid=false and marks the soft-deleted
// rows. setFilter narrows the rows with an orm::Where (see FilterBuilder).
#pragma once

#include <orm/ModelHandle.h>
#include <orm/Where.h>
#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

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
    void setFilter(const orm::Where &filter);
    const orm::Where &filter() const { return m_filter; }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }
    // At most this many pages stay in memory (at least 2).
    void setMaxResidentPages(int pages) { m_maxPages = qMax(2, pages); }
    int maxResidentPages() const { return m_maxPages; }

    // Rows in the table as the current filter and paranoid setting count them; -1 before known.
    qint64 totalCount() const { return m_total; }
    // All rows of the table that are not soft-deleted, ignoring the filter; -1 before known.
    qint64 unfilteredCount() const { return m_unfiltered; }
    // Soft-deleted rows of the table (ignoring the filter); -1 on a model that is not paranoid.
    qint64 deletedCount() const { return m_deleted; }
    // True while a count or a page is being read on a worker.
    bool isLoading() const { return m_countPending || m_pagePending; }
    // Rows held in memory, and the pages read since the last reload (for the tests).
    int residentRowCount() const;
    int residentPageCount() const { return int(m_pages.size()); }
    int pagesFetched() const { return m_pagesFetched; }
    bool isResident(int row) const;

    // The row of the record with these key values among the resident rows; -1 if none.
    int residentRowOf(const QVariantMap &keys) const;
    // Finds, on a worker, where the record with these key values sits under the current
    // filter, order and "Show deleted" setting, reads the page holding it, then emits
    // recordLocated. This reaches a record anywhere in a table of millions of rows without
    // reading the pages before it: its row is the count of the rows ordered before it.
    void locate(const QVariantMap &keys);

    bool isDeleted(int row) const;
    // The where clause that picks exactly this row: its primary key value(s). Empty when the
    // row is not resident; callers must not pass that on to destroy/update.
    orm::Where keyWhere(int row) const;
    QVariantMap keyValues(int row) const;
    QVariantMap rowValues(int row) const;
    QVariant value(int row, const QString &attribute) const;
    QStringList attributes() const { return m_attributes; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

public slots:
    // Counts again and drops the cache; the old rows stay visible until the new ones arrive.
    void reload();
    // Asks for the page holding row (no-op when resident or already asked for).
    void requestRow(int row) const;

signals:
    void countChanged(qint64 total);
    void loadingChanged(bool loading);
    void pageLoaded(int firstRow, int lastRow);
    void errorOccurred(const QString &message);
    // The answer to locate(): row is -1 when the record is not in the table as shown
    // (filtered out, soft-deleted while deleted rows are hidden, or gone).
    void recordLocated(const QVariantMap &keys, int row);

private:
    struct Page
    {
        QList<QVariantList> rows;
        QList<bool> deleted;
        quint64 lastUsed = 0;
    };
    struct Located
    {
        int row = -1;
        Page page;
    };
    struct OpenResult
    {
        qint64 total = 0, unfiltered = -1, deleted = -1;
        Page first;
    };
    friend struct RecordsQuery;

    const Page *pageOf(int row) const;
    void startOpen();
    void dispatchPages();
    void storePage(int page, Page p);
    void evict();
    void setLoading(bool countPending, bool pagePending);

    orm::ModelHandle m_handle;
    QStringList m_attributes;
    orm::Where m_filter;
    QList<orm::OrderBy> m_order;
    int m_pageSize = 200;
    int m_maxPages = 12;
    qint64 m_total = -1, m_unfiltered = -1, m_deleted = -1;
    bool m_showDeleted = false;
    quint64 m_generation = 0; // results of an older query are dropped
    bool m_countPending = false;
    bool m_pagePending = false;
    int m_pagesFetched = 0;
    // mutable: data() is const, and asking for a page is how a lazy model answers it.
    mutable QHash<int, Page> m_pages;
    mutable QSet<int> m_wanted;
    mutable int m_lastRowAsked = 0;
    mutable quint64 m_tick = 0;
    mutable bool m_dispatchQueued = false;
};

} // namespace quarry::browser
