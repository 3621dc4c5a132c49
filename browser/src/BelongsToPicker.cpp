#include "BelongsToPicker.h"

#include "AsyncWatch.h"
#include "RecordLabel.h"
#include "RecordSearch.h"

#include <orm/Async.h>
#include <orm/Instance.h>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QTimer>

namespace quarry::browser {

using namespace Qt::StringLiterals;

BelongsToPicker::BelongsToPicker(const orm::Database &db, const QString &model, const QString &keyAttribute,
                                 bool allowNone, QWidget *parent)
    : QWidget(parent), m_db(db), m_model(model), m_keyAttribute(keyAttribute), m_allowNone(allowNone),
      m_combo(new QComboBox(this)), m_search(new QLineEdit(this)), m_searchDelay(new QTimer(this))
{
    m_combo->addItem(tr("Loading %1…").arg(model));
    m_combo->setEnabled(false);
    m_search->setPlaceholderText(tr("Search…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Lists the %1 records whose text contains this, or #key (searched in the database)").arg(model));
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300); // one query when typing stops, not one per key
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo, 2);
    layout->addWidget(m_search, 1);
    setFocusProxy(m_combo);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { search(m_search->text()); });
    search({});
}

void BelongsToPicker::search(const QString &text)
{
    const int generation = ++m_generation;
    m_listLoaded = false;
    const orm::ModelHandle handle = m_db.model(m_model);
    QList<orm::OrderBy> order;
    for (int i : handle.meta().primaryKey)
        order.append(orm::OrderBy(handle.meta().fields.at(i).name));
    const orm::FindOptions options{.where = recordSearchWhere(handle.meta(), m_keyAttribute, text),
                                   .order = order,
                                   .limit = maxRecords + 1}; // one more tells that there are more
    using Records = QList<std::pair<QVariant, QString>>;
    watchFuture(
        this, m_db.async().run([handle, options, keyAttribute = m_keyAttribute] {
            Records out;
            for (const auto &r : handle.findAll(options))
                out.append({r->get(keyAttribute), recordLabel(*r)});
            return out;
        }),
        [this, generation](Records records) {
            if (generation != m_generation)
                return; // a newer search is on its way
            m_truncated = records.size() > maxRecords;
            if (m_truncated)
                records.removeLast();
            fill(records);
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            m_combo->setToolTip(tr("Cannot read %1: %2").arg(m_model, message));
            if (!m_everFilled) {
                m_combo->clear();
                m_combo->addItem(tr("Cannot read %1: %2").arg(m_model, message));
            }
            m_listLoaded = true;
            finishLoading();
        });
}

void BelongsToPicker::fill(const QList<std::pair<QVariant, QString>> &records)
{
    // The record picked now stays picked, whether the new list holds it or not.
    QVariant current = m_everFilled ? key() : m_pendingKey;
    const QString currentLabel = m_everFilled && current.isValid() ? m_combo->currentText() : QString();
    m_pendingKey = {};
    {
        const QSignalBlocker block(m_combo);
        m_combo->clear();
        if (m_allowNone)
            m_combo->addItem(tr("(none)"));
        for (const auto &[key, label] : records)
            m_combo->addItem(label, key);
    }
    m_combo->setEnabled(true);
    m_combo->setToolTip(m_truncated ? tr("Only the first %n record(s) are listed: search to find the others.", nullptr,
                                         maxRecords)
                                    : QString());
    m_everFilled = true;
    m_listLoaded = true;
    if (orm::isNullValue(current))
        m_combo->setCurrentIndex(m_allowNone ? 0 : -1); // a required parent is chosen, not defaulted
    else if (!currentLabel.isEmpty() && indexOfKey(current) < 0)
        addUnlisted(current, currentLabel); // its label is known: no need to read it again
    else
        setKey(current);
    finishLoading();
}

void BelongsToPicker::finishLoading()
{
    if (isLoaded())
        emit loaded();
}

QVariant BelongsToPicker::key() const
{
    return m_combo->currentIndex() < 0 ? QVariant() : m_combo->currentData();
}

void BelongsToPicker::addUnlisted(const QVariant &key, const QString &label)
{
    m_combo->insertItem(m_allowNone ? 1 : 0, label, key);
    m_combo->setCurrentIndex(m_allowNone ? 1 : 0);
}

void BelongsToPicker::setKey(const QVariant &key)
{
    if (!m_everFilled) {
        m_pendingKey = key;
        return;
    }
    if (orm::isNullValue(key)) {
        m_combo->setCurrentIndex(m_allowNone ? 0 : -1);
        return;
    }
    if (const int i = indexOfKey(key); i >= 0) {
        m_combo->setCurrentIndex(i);
        return;
    }
    addUnlisted(key, u"#%1"_s.arg(key.toString())); // beyond the records listed: named once read
    fetchLabel(key);
}

int BelongsToPicker::indexOfKey(const QVariant &key) const
{
    for (int i = 0; i < m_combo->count(); ++i) // by text: the key may come as int or qint64
        if (m_combo->itemData(i).isValid() && m_combo->itemData(i).toString() == key.toString())
            return i;
    return -1;
}

void BelongsToPicker::fetchLabel(const QVariant &key)
{
    ++m_labelsPending;
    const orm::ModelHandle handle = m_db.model(m_model);
    const QString attribute = m_keyAttribute;
    auto done = [this, key](const QString &label) {
        for (int i = 0; i < m_combo->count(); ++i)
            if (m_combo->itemData(i).isValid() && m_combo->itemData(i).toString() == key.toString())
                m_combo->setItemText(i, label);
        --m_labelsPending;
        finishLoading();
    };
    watchFuture(
        this, m_db.async().run([handle, attribute, key] {
            const auto r = handle.findOne({.where = orm::Where(attribute, orm::Term(key))});
            return r ? recordLabel(*r) : QString();
        }),
        [done, key](const QString &label) {
            done(label.isEmpty() ? tr("#%1 (not found)").arg(key.toString()) : label);
        },
        [done, key](const QString &) { done(u"#%1"_s.arg(key.toString())); });
}

bool BelongsToPicker::selectByLabel(const QString &text)
{
    for (int i = 0; i < m_combo->count(); ++i)
        if (m_combo->itemData(i).isValid() && m_combo->itemText(i).contains(text)) {
            m_combo->setCurrentIndex(i);
            return true;
        }
    return false;
}

} // namespace quarry::browser
