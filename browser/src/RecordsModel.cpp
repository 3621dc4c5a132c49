#include "RecordsModel.h"

#include "AsyncWatch.h"
#include "BrowserLogging.h"

#include <orm/Async.h>
#include <orm/Instance.h>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <limits>
#include <optional>

namespace quarry::browser {

using namespace Qt::StringLiterals;

// What a worker needs to read the rows: copied, so it never touches the model itself.
struct RecordsQuery
{
    orm::ModelHandle handle;
    QStringList attributes;
    orm::Where filter;
    QList<orm::OrderBy> order;
    bool showDeleted = false;

    RecordsModel::Page readPage(int offset, int limit) const
    {
        RecordsModel::Page page;
        const auto instances = handle.findAll(
            {.where = filter, .order = order, .limit = limit, .offset = offset, .paranoid = !showDeleted});
        const orm::ModelMeta &meta = handle.meta();
        const QString deletedAt = meta.isParanoid() ? meta.fields.at(meta.deletedAt).name : QString();
        page.rows.reserve(instances.size());
        for (const auto &instance : instances) {
            QVariantList values;
            values.reserve(attributes.size());
            for (const QString &a : attributes)
                values.append(instance->get(a));
            page.rows.append(values);
            page.deleted.append(!deletedAt.isEmpty() && !orm::isNullValue(instance->get(deletedAt)));
        }
        return page;
    }

    // filter AND extra, leaving out whichever is empty.
    orm::Where narrowed(const orm::Where &extra) const
    {
        if (filter.isEmpty())
            return extra;
        return extra.isEmpty() ? filter : orm::Where::allOf({filter, extra});
    }

    // Rows come in the order of "order", where NULL is the smallest value (RecordsModel asks
    // for NULLS FIRST ascending and NULLS LAST descending). So the rows before a record are
    // those that sort before it on the first term, or tie there and sort before it on the
    // second, and so on; the primary key ends the order, so no two rows tie on all of it.
    orm::Where orderedBefore(const orm::Instance &record) const
    {
        QList<orm::Where> alternatives, ties;
        for (const orm::OrderBy &o : order) {
            const QVariant v = record.get(o.field);
            const bool null = orm::isNullValue(v);
            std::optional<orm::Where> before;
            if (o.direction == orm::Asc) {
                if (!null) // nothing is smaller than NULL
                    before = orm::Where::anyOf({orm::Where(o.field, orm::Op::isNull()), orm::Where(o.field, orm::Op::lt(v))});
            } else {
                before = null ? orm::Where(o.field, orm::Op::notNull()) : orm::Where(o.field, orm::Op::gt(v));
            }
            if (before)
                alternatives.append(ties.isEmpty() ? *before : orm::Where::allOf(QList<orm::Where>(ties) << *before));
            ties.append(null ? orm::Where(o.field, orm::Op::isNull()) : orm::Where(o.field, orm::Op::eq(v)));
        }
        if (alternatives.isEmpty())
            return {}; // nothing can sort before it: the first row
        return alternatives.size() == 1 ? alternatives.first() : orm::Where::anyOf(alternatives);
    }

    RecordsModel::Located locate(const QVariantMap &keys, int pageSize) const
    {
        RecordsModel::Located out;
        QList<orm::Where> keyParts;
        for (auto it = keys.cbegin(); it != keys.cend(); ++it)
            keyParts.append(orm::Where(it.key(), orm::Term(it.value())));
        if (keyParts.isEmpty())
            return out;
        const orm::Where keyWhere = keyParts.size() == 1 ? keyParts.first() : orm::Where::allOf(keyParts);
        const auto found = handle.findAll({.where = narrowed(keyWhere), .limit = 1, .paranoid = !showDeleted});
        if (found.isEmpty())
            return out;
        const orm::Where before = orderedBefore(*found.first());
        const qint64 row = before.isEmpty() ? 0 : handle.count({.where = narrowed(before), .paranoid = !showDeleted});
        if (row > std::numeric_limits<int>::max())
            return out;
        out.row = int(row);
        out.page = readPage(out.row / pageSize * pageSize, pageSize);
        return out;
    }

    RecordsModel::OpenResult open(int pageSize) const
    {
        RecordsModel::OpenResult r;
        r.total = handle.count({.where = filter, .paranoid = !showDeleted});
        const orm::ModelMeta &meta = handle.meta();
        if (meta.isParanoid())
            r.deleted = handle.count(
                {.where = orm::Where(meta.fields.at(meta.deletedAt).name, orm::Op::notNull()), .paranoid = false});
        r.unfiltered = filter.isEmpty() && !showDeleted ? r.total : handle.count({.paranoid = true});
        if (r.total > 0)
            r.first = readPage(0, pageSize);
        return r;
    }
};

RecordsModel::RecordsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecordsModel::setModelHandle(const orm::ModelHandle &handle)
{
    beginResetModel();
    m_handle = handle;
    m_attributes = handle.isValid() ? handle.meta().attributeNames() : QStringList();
    m_filter = {};
    m_order.clear();
    if (handle.isValid())
        for (int i : handle.meta().primaryKey)
            m_order.append(orm::OrderBy(handle.meta().fields.at(i).name));
    m_pages.clear();
    m_wanted.clear();
    m_total = m_unfiltered = m_deleted = -1;
    endResetModel();
    startOpen();
}

void RecordsModel::setShowDeleted(bool show)
{
    if (show == m_showDeleted)
        return;
    m_showDeleted = show;
    reload();
}

void RecordsModel::setFilter(const orm::Where &filter)
{
    m_filter = filter;
    reload();
}

void RecordsModel::reload()
{
    startOpen();
}

void RecordsModel::startOpen()
{
    const quint64 generation = ++m_generation;
    m_wanted.clear();
    if (!m_handle.isValid()) {
        setLoading(false, m_pagePending);
        return;
    }
    setLoading(true, m_pagePending);
    const RecordsQuery query{m_handle, m_attributes, m_filter, m_order, m_showDeleted};
    const int pageSize = m_pageSize;
    watchFuture(
        this, m_handle.database().async().run([query, pageSize] { return query.open(pageSize); }),
        [this, generation](OpenResult r) {
            if (generation != m_generation)
                return;
            // The old rows stayed on screen while counting; now they go all at once.
            beginResetModel();
            m_pages.clear();
            m_wanted.clear();
            m_total = r.total;
            m_unfiltered = r.unfiltered;
            m_deleted = r.deleted;
            m_pagesFetched = r.first.rows.isEmpty() ? 0 : 1;
            if (!r.first.rows.isEmpty()) {
                r.first.lastUsed = ++m_tick;
                m_pages.insert(0, std::move(r.first));
            }
            endResetModel();
            qCDebug(lcBrowser) << m_handle.meta().name << "counted" << m_total << "row(s)";
            setLoading(false, m_pagePending);
            emit countChanged(m_total);
            dispatchPages();
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            qCWarning(lcBrowser) << "count failed:" << message;
            setLoading(false, m_pagePending);
            emit errorOccurred(message);
        });
}

void RecordsModel::setLoading(bool countPending, bool pagePending)
{
    const bool was = isLoading();
    m_countPending = countPending;
    m_pagePending = pagePending;
    if (was != isLoading())
        emit loadingChanged(isLoading());
}

const RecordsModel::Page *RecordsModel::pageOf(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    auto it = m_pages.find(row / m_pageSize);
    if (it == m_pages.end() || row % m_pageSize >= it->rows.size())
        return nullptr;
    it->lastUsed = ++m_tick;
    return &*it;
}

bool RecordsModel::isResident(int row) const
{
    return pageOf(row) != nullptr;
}

int RecordsModel::residentRowCount() const
{
    int n = 0;
    for (const Page &p : std::as_const(m_pages))
        n += int(p.rows.size());
    return n;
}

void RecordsModel::requestRow(int row) const
{
    if (row < 0 || row >= rowCount() || pageOf(row))
        return;
    m_lastRowAsked = row;
    m_wanted.insert(row / m_pageSize);
    if (m_dispatchQueued)
        return;
    m_dispatchQueued = true;
    // A paint asks for many cells: gather them, then ask the worker once.
    auto *self = const_cast<RecordsModel *>(this);
    QMetaObject::invokeMethod(self, [self] {
        self->m_dispatchQueued = false;
        self->dispatchPages();
    }, Qt::QueuedConnection);
}

// One page read at a time: the one nearest to the row the view asked for last. Pages the
// view asked for while scrolling past them are forgotten, so a fast scroll to the end
// reads only the pages around where it stops.
void RecordsModel::dispatchPages()
{
    if (m_pagePending || m_countPending || m_wanted.isEmpty() || !m_handle.isValid())
        return;
    const int target = m_lastRowAsked / m_pageSize;
    int best = -1;
    for (auto it = m_wanted.begin(); it != m_wanted.end();) {
        const int distance = qAbs(*it - target);
        if (distance > m_maxPages / 2 || m_pages.contains(*it)) {
            it = m_wanted.erase(it);
            continue;
        }
        if (best < 0 || distance < qAbs(best - target))
            best = *it;
        ++it;
    }
    if (best < 0)
        return;
    m_wanted.remove(best);
    qCDebug(lcBrowser) << m_handle.meta().name << "reading page" << best << "for row" << m_lastRowAsked;
    setLoading(m_countPending, true);
    const quint64 generation = m_generation;
    const RecordsQuery query{m_handle, m_attributes, m_filter, m_order, m_showDeleted};
    const int offset = best * m_pageSize, limit = m_pageSize;
    watchFuture(
        this, m_handle.database().async().run([query, offset, limit] { return query.readPage(offset, limit); }),
        [this, generation, best](Page page) {
            setLoading(m_countPending, false);
            if (generation == m_generation)
                storePage(best, std::move(page));
            dispatchPages();
        },
        [this, generation](const QString &message) {
            setLoading(m_countPending, false);
            if (generation != m_generation)
                return;
            qCWarning(lcBrowser) << "fetch failed:" << message;
            emit errorOccurred(message);
        });
}

void RecordsModel::storePage(int page, Page p)
{
    const int first = page * m_pageSize;
    const int last = qMin(first + int(p.rows.size()), rowCount()) - 1;
    p.lastUsed = ++m_tick;
    m_pages.insert(page, std::move(p));
    ++m_pagesFetched;
    evict();
    if (last < first)
        return;
    emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, first, last);
    emit pageLoaded(first, last);
}

int RecordsModel::residentRowOf(const QVariantMap &keys) const
{
    if (keys.isEmpty())
        return -1;
    QList<int> columns;
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        const int c = int(m_attributes.indexOf(it.key()));
        if (c < 0)
            return -1;
        columns.append(c);
    }
    const QVariantList wanted = keys.values();
    auto same = [](const QVariant &a, const QVariant &b) { return a == b || a.toString() == b.toString(); };
    for (auto p = m_pages.cbegin(); p != m_pages.cend(); ++p)
        for (int r = 0; r < p->rows.size(); ++r) {
            bool match = true;
            for (int k = 0; match && k < columns.size(); ++k)
                match = same(p->rows.at(r).value(columns.at(k)), wanted.at(k));
            const int row = p.key() * m_pageSize + r;
            if (match && row < rowCount())
                return row;
        }
    return -1;
}

void RecordsModel::locate(const QVariantMap &keys)
{
    if (!m_handle.isValid() || m_order.isEmpty())
        return;
    const quint64 generation = m_generation;
    const RecordsQuery query{m_handle, m_attributes, m_filter, m_order, m_showDeleted};
    const int pageSize = m_pageSize;
    qCDebug(lcBrowser) << m_handle.meta().name << "locating" << keys;
    watchFuture(
        this, m_handle.database().async().run([query, keys, pageSize] { return query.locate(keys, pageSize); }),
        [this, generation, keys](Located found) {
            if (generation != m_generation)
                return; // the table was reloaded meanwhile; the caller asks again
            if (found.row >= 0 && found.row < rowCount())
                storePage(found.row / m_pageSize, std::move(found.page));
            else
                found.row = -1;
            emit recordLocated(keys, found.row);
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            qCWarning(lcBrowser) << "locate failed:" << message;
            emit errorOccurred(message);
        });
}

void RecordsModel::evict()
{
    while (m_pages.size() > m_maxPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
            if (it->lastUsed < oldest->lastUsed)
                oldest = it;
        m_pages.erase(oldest);
    }
}

void RecordsModel::sort(int column, Qt::SortOrder order)
{
    if (!m_handle.isValid() || column < 0 || column >= m_attributes.size())
        return;
    // NULL sorts as the smallest value on every dialect (locate() relies on it).
    m_order = {order == Qt::AscendingOrder ? orm::OrderBy(m_attributes.at(column), orm::Asc, orm::NullsFirst)
                                           : orm::OrderBy(m_attributes.at(column), orm::Desc, orm::NullsLast)};
    for (int i : m_handle.meta().primaryKey) // a stable order across pages
        if (m_handle.meta().fields.at(i).name != m_attributes.at(column))
            m_order.append(orm::OrderBy(m_handle.meta().fields.at(i).name));
    reload();
}

int RecordsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_total < 0 ? 0 : int(qMin<qint64>(m_total, std::numeric_limits<int>::max()));
}

int RecordsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attributes.size());
}

QVariant RecordsModel::value(int row, const QString &attribute) const
{
    const int c = int(m_attributes.indexOf(attribute));
    const Page *p = pageOf(row);
    if (!p || c < 0)
        return {};
    return p->rows.at(row % m_pageSize).value(c);
}

QVariantMap RecordsModel::rowValues(int row) const
{
    QVariantMap out;
    const Page *p = pageOf(row);
    if (!p)
        return out;
    const QVariantList &values = p->rows.at(row % m_pageSize);
    for (int c = 0; c < m_attributes.size(); ++c)
        out.insert(m_attributes.at(c), values.value(c));
    return out;
}

bool RecordsModel::isDeleted(int row) const
{
    const Page *p = pageOf(row);
    return p && p->deleted.value(row % m_pageSize);
}

QVariantMap RecordsModel::keyValues(int row) const
{
    QVariantMap out;
    if (!m_handle.isValid() || !pageOf(row))
        return out;
    for (int i : m_handle.meta().primaryKey) {
        const QString name = m_handle.meta().fields.at(i).name;
        out.insert(name, value(row, name));
    }
    return out;
}

orm::Where RecordsModel::keyWhere(int row) const
{
    QList<orm::Where> parts;
    const QVariantMap keys = keyValues(row);
    for (auto it = keys.cbegin(); it != keys.cend(); ++it)
        parts.append(orm::Where(it.key(), orm::Term(it.value())));
    if (parts.isEmpty())
        return {};
    return parts.size() == 1 ? parts.first() : orm::Where::allOf(parts);
}

QVariant RecordsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Page *page = pageOf(index.row());
    if (!page) {
        requestRow(index.row());
        if (role == Qt::DisplayRole)
            return u"…"_s;
        if (role == Qt::ForegroundRole)
            return QColor(0xbb, 0xbb, 0xbb);
        return {};
    }
    const int r = index.row() % m_pageSize;
    const bool deleted = page->deleted.value(r);
    const QVariant v = page->rows.at(r).value(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: {
        if (orm::isNullValue(v))
            return role == Qt::DisplayRole ? u"NULL"_s : tr("NULL");
        if (v.metaType().id() == QMetaType::QDateTime)
            return QLocale().toString(v.toDateTime().toLocalTime(), QLocale::ShortFormat);
        if (v.metaType().id() == QMetaType::Bool)
            return v.toBool() ? tr("true") : tr("false");
        if (v.metaType().id() == QMetaType::QByteArray)
            return tr("(%n byte(s))", nullptr, int(v.toByteArray().size()));
        QString s = v.toString();
        if (role == Qt::DisplayRole && s.size() > 80)
            s = s.left(79) + u'…';
        if (role == Qt::ToolTipRole && deleted)
            return tr("%1 (soft-deleted)").arg(s);
        return s;
    }
    case Qt::EditRole:
        return v;
    case Qt::FontRole:
        if (deleted || orm::isNullValue(v)) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (deleted)
            return QColor(0x99, 0x99, 0x99);
        if (orm::isNullValue(v))
            return QColor(0xaa, 0xaa, 0xaa);
        return {};
    case Qt::BackgroundRole:
        if (deleted)
            return QColor(0xfb, 0xee, 0xee);
        return {};
    default:
        return {};
    }
}

QVariant RecordsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return m_attributes.value(section);
    if (isDeleted(section))
        return tr("%1 ✕").arg(section + 1);
    return section + 1;
}

} // namespace quarry::browser
