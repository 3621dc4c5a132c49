#include "RecordsModel.h"

#include "BrowserLogging.h"

#include <orm/Errors.h>
#include <orm/Instance.h>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace quarry::browser {

using namespace Qt::StringLiterals;

RecordsModel::RecordsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecordsModel::setModelHandle(const orm::ModelHandle &handle)
{
    m_handle = handle;
    m_attributes = handle.isValid() ? handle.meta().attributeNames() : QStringList();
    m_order.clear();
    if (handle.isValid())
        for (int i : handle.meta().primaryKey)
            m_order.append(orm::OrderBy(handle.meta().fields.at(i).name));
    reload();
}

void RecordsModel::setShowDeleted(bool show)
{
    if (show == m_showDeleted)
        return;
    m_showDeleted = show;
    reload();
}

void RecordsModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_total = -1;
    m_atEnd = !m_handle.isValid();
    endResetModel();
    if (!m_handle.isValid())
        return;
    try {
        m_total = m_handle.count({.paranoid = !m_showDeleted});
    } catch (const orm::Error &e) {
        qCWarning(lcBrowser) << "count failed:" << e.message();
        emit errorOccurred(e.message());
    }
    emit countChanged(0, m_total);
    fetchMore();
}

bool RecordsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void RecordsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    QList<orm::Ptr<orm::Instance>> page;
    try {
        page = m_handle.findAll({.order = m_order, .limit = m_pageSize, .offset = int(m_rows.size()), .paranoid = !m_showDeleted});
    } catch (const orm::Error &e) {
        qCWarning(lcBrowser) << "fetch failed:" << e.message();
        m_atEnd = true;
        emit errorOccurred(e.message());
        return;
    }
    if (page.size() < m_pageSize)
        m_atEnd = true;
    if (page.isEmpty())
        return;
    const orm::ModelMeta &meta = m_handle.meta();
    const int deletedAt = meta.deletedAt;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    for (const auto &instance : std::as_const(page)) {
        Row row;
        row.values.reserve(m_attributes.size());
        for (const QString &a : std::as_const(m_attributes))
            row.values.append(instance->get(a));
        row.deleted = deletedAt >= 0 && !orm::isNullValue(instance->get(meta.fields.at(deletedAt).name));
        m_rows.append(row);
    }
    endInsertRows();
    qCDebug(lcBrowser) << meta.name << "fetched" << page.size() << "rows, now" << m_rows.size();
    emit countChanged(m_rows.size(), m_total);
}

void RecordsModel::sort(int column, Qt::SortOrder order)
{
    if (!m_handle.isValid() || column < 0 || column >= m_attributes.size())
        return;
    m_order = {orm::OrderBy(m_attributes.at(column), order == Qt::AscendingOrder ? orm::Asc : orm::Desc)};
    for (int i : m_handle.meta().primaryKey) // a stable order across pages
        if (m_handle.meta().fields.at(i).name != m_attributes.at(column))
            m_order.append(orm::OrderBy(m_handle.meta().fields.at(i).name));
    reload();
}

int RecordsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attributes.size());
}

QVariant RecordsModel::value(int row, const QString &attribute) const
{
    const int c = int(m_attributes.indexOf(attribute));
    if (row < 0 || row >= m_rows.size() || c < 0)
        return {};
    return m_rows.at(row).values.value(c);
}

bool RecordsModel::isDeleted(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).deleted;
}

QVariantMap RecordsModel::keyValues(int row) const
{
    QVariantMap out;
    if (!m_handle.isValid())
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
    return parts.size() == 1 ? parts.first() : orm::Where::allOf(parts);
}

QVariant RecordsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const QVariant v = row.values.value(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: {
        if (orm::isNullValue(v))
            return role == Qt::DisplayRole ? u"NULL"_s : tr("NULL");
        if (v.metaType().id() == QMetaType::QDateTime)
            return QLocale().toString(v.toDateTime().toLocalTime(), QLocale::ShortFormat);
        if (v.metaType().id() == QMetaType::Bool)
            return v.toBool() ? tr("true") : tr("false");
        QString s = v.toString();
        if (role == Qt::DisplayRole && s.size() > 80)
            s = s.left(79) + u'…';
        if (role == Qt::ToolTipRole && row.deleted)
            return tr("%1 (soft-deleted)").arg(s);
        return s;
    }
    case Qt::EditRole:
        return v;
    case Qt::FontRole:
        if (row.deleted || orm::isNullValue(v)) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (row.deleted)
            return QColor(0x99, 0x99, 0x99);
        if (orm::isNullValue(v))
            return QColor(0xaa, 0xaa, 0xaa);
        return {};
    case Qt::BackgroundRole:
        if (row.deleted)
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
