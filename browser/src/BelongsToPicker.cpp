#include "BelongsToPicker.h"

#include "AsyncWatch.h"
#include "RecordLabel.h"

#include <orm/Async.h>
#include <orm/Instance.h>

namespace quarry::browser {

using namespace Qt::StringLiterals;

BelongsToPicker::BelongsToPicker(const orm::Database &db, const QString &model, const QString &keyAttribute,
                                 bool allowNone, QWidget *parent)
    : QComboBox(parent), m_model(model), m_allowNone(allowNone)
{
    addItem(tr("Loading %1…").arg(model));
    setEnabled(false);
    const orm::ModelHandle handle = db.model(model);
    QList<orm::OrderBy> order;
    for (int i : handle.meta().primaryKey)
        order.append(orm::OrderBy(handle.meta().fields.at(i).name));
    using Records = QList<std::pair<QVariant, QString>>;
    watchFuture(
        this, db.async().run([handle, order, keyAttribute] {
            Records out;
            for (const auto &r : handle.findAll({.order = order, .limit = maxRecords}))
                out.append({r->get(keyAttribute), recordLabel(*r)});
            return out;
        }),
        [this](const Records &records) { fill(records); },
        [this, model](const QString &message) {
            clear();
            addItem(tr("Cannot read %1: %2").arg(model, message));
            m_loaded = true;
            emit loaded();
        });
}

void BelongsToPicker::fill(const QList<std::pair<QVariant, QString>> &records)
{
    clear();
    if (m_allowNone)
        addItem(tr("(none)"));
    for (const auto &[key, label] : records)
        addItem(label, key);
    setEnabled(true);
    m_loaded = true;
    if (m_pendingKey.isValid())
        setKey(m_pendingKey);
    else if (!m_allowNone)
        setCurrentIndex(-1); // a required parent is chosen, not defaulted to the first one
    emit loaded();
}

QVariant BelongsToPicker::key() const
{
    return currentIndex() < 0 ? QVariant() : currentData();
}

void BelongsToPicker::setKey(const QVariant &key)
{
    if (!m_loaded) {
        m_pendingKey = key;
        return;
    }
    m_pendingKey = {};
    if (orm::isNullValue(key)) {
        setCurrentIndex(m_allowNone ? 0 : -1);
        return;
    }
    for (int i = 0; i < count(); ++i)
        if (itemData(i).isValid() && itemData(i).toString() == key.toString()) {
            setCurrentIndex(i);
            return;
        }
    addItem(u"#%1"_s.arg(key.toString()), key); // beyond the records listed
    setCurrentIndex(count() - 1);
}

bool BelongsToPicker::selectByLabel(const QString &text)
{
    for (int i = 0; i < count(); ++i)
        if (itemData(i).isValid() && itemText(i).contains(text)) {
            setCurrentIndex(i);
            return true;
        }
    return false;
}

} // namespace quarry::browser
