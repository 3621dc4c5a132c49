#include "IncludeTreeWidget.h"

#include "BrowserLogging.h"

#include <orm/Async.h>
#include <orm/Errors.h>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <vector>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
enum Roles { PathRole = Qt::UserRole, ModelRole, KeyRole, PopulatedRole, CountRole };

QString valueText(const QVariant &v)
{
    if (orm::isNullValue(v))
        return u"NULL"_s;
    if (v.metaType().id() == QMetaType::QDateTime)
        return v.toDateTime().toString(Qt::ISODate);
    return v.toString();
}

QIcon kindIcon(orm::AssociationKind kind)
{
    switch (kind) {
    case orm::AssociationKind::HasOne: return QIcon(u":/icons/has-one.svg"_s);
    case orm::AssociationKind::BelongsTo: return QIcon(u":/icons/belongs-to.svg"_s);
    case orm::AssociationKind::HasMany: return QIcon(u":/icons/has-many.svg"_s);
    case orm::AssociationKind::BelongsToMany: return QIcon(u":/icons/belongs-to-many.svg"_s);
    }
    return {};
}
} // namespace

QString recordSummary(const orm::Instance &instance)
{
    const orm::ModelMeta &m = instance.meta();
    QStringList texts;
    for (const orm::FieldMeta &f : m.fields) {
        if (f.primaryKey || f.references || f.isTimestamp())
            continue;
        if (f.type != orm::FieldType::String && f.type != orm::FieldType::Text)
            continue;
        const QString v = instance.get(f.name).toString().simplified();
        if (!v.isEmpty())
            texts << (v.size() > 40 ? v.left(39) + u'…' : v);
        if (texts.size() == 2)
            break;
    }
    return IncludeTreeWidget::tr("%1 #%2 %3").arg(m.name, valueText(instance.primaryKeyValue()), texts.join(u' ')).trimmed();
}

// What the worker hands to the GUI thread: plain values, no instances, so nothing of the
// worker's connection or thread travels along.
struct IncludeTreeWidget::Node
{
    QString summary, model, through, throughModel;
    QVariant key;
    bool deleted = false;
    struct Group
    {
        QString association;
        qint64 total = 0;           // every related record, not only the listed ones
        std::vector<Node> records;  // the first ones, at most maxChildren
    };
    std::vector<Group> groups;
};

struct IncludeTreeWidget::Loaded
{
    bool found = false;
    Node root;
};

IncludeTreeWidget::IncludeTreeWidget(QWidget *parent)
    : QWidget(parent), m_choices(new QTreeWidget), m_results(new QTreeWidget), m_title(new QLabel), m_busy(new QProgressBar)
{
    m_choices->setHeaderLabels({tr("Include"), tr("Kind")});
    m_choices->setToolTip(tr("Tick the associations to load with the record; expand one to include its own associations"));
    m_choices->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_choices->setObjectName(u"includeChoices"_s);
    m_results->setHeaderLabels({tr("Record"), tr("Junction attributes")});
    m_results->setToolTip(tr("Double-click a related record to jump to it"));
    m_results->setObjectName(u"includeResults"_s);
    m_results->header()->setStretchLastSection(true);
    m_results->setColumnWidth(0, 200);
    m_title->setWordWrap(true);
    m_title->setText(tr("Select a record to see its associations."));
    m_busy->setRange(0, 0); // busy: the ORM reports no progress for one query
    m_busy->setMaximumHeight(6);
    m_busy->setTextVisible(false);
    m_busy->setToolTip(tr("Loading the included records…"));
    m_busy->hide();

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_choices);
    split->addWidget(m_results);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_busy);
    layout->addWidget(split, 1);

    connect(m_choices, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (column == 0)
            onChoiceChanged(item);
    });
    connect(m_choices, &QTreeWidget::itemExpanded, this, &IncludeTreeWidget::populateChoices);
    connect(m_results, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const RecordLocation loc{item->data(0, ModelRole).toString(), item->data(0, KeyRole)};
        if (loc.isValid() && !(loc == m_record))
            emit recordActivated(loc);
    });
}

void IncludeTreeWidget::setDatabase(const orm::Database &db)
{
    m_db = db;
    m_choicesModel.clear();
    clearRecord();
}

void IncludeTreeWidget::clearRecord()
{
    cancelPending();
    setLoading(false);
    m_record = {};
    m_results->clear();
    m_title->setText(tr("Select a record to see its associations."));
}

void IncludeTreeWidget::setRecord(const RecordLocation &location)
{
    if (!m_db.isValid() || !location.isValid() || !m_db.isDefined(location.model)) {
        clearRecord();
        return;
    }
    m_record = location;
    if (m_choicesModel != location.model)
        rebuildChoices();
    reload();
}

void IncludeTreeWidget::rebuildChoices()
{
    m_updating = true;
    m_choices->clear();
    m_choicesModel = m_record.model;
    const orm::ModelMeta &meta = m_db.model(m_choicesModel).meta();
    for (const orm::AssociationMeta &a : meta.associations) {
        auto *item = new QTreeWidgetItem(m_choices, {a.name, tr("%1 %2").arg(orm::associationKindName(a.kind), a.target)});
        item->setData(0, PathRole, a.name);
        item->setIcon(0, kindIcon(a.kind));
        item->setCheckState(0, Qt::Checked); // the first level is included by default
        item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    }
    m_updating = false;
}

QString IncludeTreeWidget::modelOfPath(const QString &path) const
{
    QString model = m_choicesModel;
    for (const QString &name : path.split(u'/', Qt::SkipEmptyParts)) {
        if (!m_db.isDefined(model))
            return {};
        const orm::AssociationMeta *a = m_db.model(model).meta().association(name);
        if (!a)
            return {};
        model = a->target;
    }
    return model;
}

void IncludeTreeWidget::populateChoices(QTreeWidgetItem *item)
{
    if (!item || item->data(0, PopulatedRole).toBool())
        return;
    const bool was = m_updating;
    m_updating = true; // changing items emits itemChanged: not a choice of the user
    item->setData(0, PopulatedRole, true);
    const QString path = item->data(0, PathRole).toString();
    const QString model = modelOfPath(path);
    if (model.isEmpty()) {
        m_updating = was;
        return;
    }
    for (const orm::AssociationMeta &a : m_db.model(model).meta().associations) {
        auto *child = new QTreeWidgetItem(item, {a.name, tr("%1 %2").arg(orm::associationKindName(a.kind), a.target)});
        child->setData(0, PathRole, path + u'/' + a.name);
        child->setIcon(0, kindIcon(a.kind));
        child->setCheckState(0, Qt::Unchecked);
        child->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    }
    if (item->childCount() == 0)
        item->setChildIndicatorPolicy(QTreeWidgetItem::DontShowIndicator);
    m_updating = was;
}

QTreeWidgetItem *IncludeTreeWidget::choiceItem(const QString &path, bool create)
{
    QTreeWidgetItem *parent = m_choices->invisibleRootItem();
    QTreeWidgetItem *found = nullptr;
    for (const QString &name : path.split(u'/', Qt::SkipEmptyParts)) {
        if (create)
            populateChoices(found);
        found = nullptr;
        for (int i = 0; i < parent->childCount(); ++i)
            if (parent->child(i)->text(0) == name)
                found = parent->child(i);
        if (!found)
            return nullptr;
        parent = found;
    }
    return found;
}

void IncludeTreeWidget::setIncluded(const QString &path, bool included)
{
    if (QTreeWidgetItem *item = choiceItem(path, true))
        item->setCheckState(0, included ? Qt::Checked : Qt::Unchecked);
}

bool IncludeTreeWidget::isIncluded(const QString &path) const
{
    QTreeWidgetItem *item = const_cast<IncludeTreeWidget *>(this)->choiceItem(path, false);
    for (QTreeWidgetItem *i = item; i; i = i->parent())
        if (i->checkState(0) != Qt::Checked)
            return false;
    return item != nullptr;
}

QStringList IncludeTreeWidget::includedPaths() const
{
    QStringList out;
    std::function<void(QTreeWidgetItem *)> walk = [&](QTreeWidgetItem *parent) {
        for (int i = 0; i < parent->childCount(); ++i) {
            QTreeWidgetItem *c = parent->child(i);
            if (c->checkState(0) == Qt::Checked) {
                out << c->data(0, PathRole).toString();
                walk(c);
            }
        }
    };
    walk(m_choices->invisibleRootItem());
    return out;
}

void IncludeTreeWidget::onChoiceChanged(QTreeWidgetItem *item)
{
    if (m_updating)
        return;
    m_updating = true;
    if (item->checkState(0) == Qt::Checked) // a nested include needs its parents
        for (QTreeWidgetItem *p = item->parent(); p; p = p->parent())
            p->setCheckState(0, Qt::Checked);
    m_updating = false;
    reload();
}

void IncludeTreeWidget::collectIncludes(QTreeWidgetItem *parent, QList<orm::Include> &out) const
{
    for (int i = 0; i < parent->childCount(); ++i) {
        QTreeWidgetItem *c = parent->child(i);
        if (c->checkState(0) != Qt::Checked)
            continue;
        orm::Include inc;
        inc.association = c->text(0);
        inc.paranoid = true;
        collectIncludes(c, inc.include);
        out.append(inc);
    }
}

QList<orm::Include> IncludeTreeWidget::includes() const
{
    QList<orm::Include> out;
    collectIncludes(m_choices->invisibleRootItem(), out);
    return out;
}

void IncludeTreeWidget::cancelPending()
{
    ++m_generation; // whatever is still on its way is for an older request
    if (m_cancelPending)
        m_cancelPending(); // never runs if it has not started yet
    m_cancelPending = nullptr;
}

void IncludeTreeWidget::setLoading(bool loading)
{
    m_busy->setVisible(loading);
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void IncludeTreeWidget::reload()
{
    cancelPending();
    m_results->clear();
    if (!m_record.isValid()) {
        setLoading(false);
        return;
    }
    const quint64 generation = m_generation;
    const QList<orm::Include> inc = includes();
    const orm::ModelHandle handle = m_db.model(m_record.model);
    const QString model = m_record.model, key = valueText(m_record.primaryKey);
    emit loading(tr("Include for %1 #%2").arg(model, key));
    m_title->setText(tr("Loading the associations of %1 #%2…").arg(model, key).toHtmlEscaped());
    setLoading(true);
    QFuture<Loaded> future;
    try {
        future = m_db.async().run([handle, pk = m_record.primaryKey, inc, max = m_maxChildren, budget = m_maxRecords] {
            return load(handle, pk, inc, max, budget);
        });
    } catch (const orm::Error &e) { // the database is closing
        setLoading(false);
        m_title->setText(tr("Cannot load the associations: %1").arg(e.message().toHtmlEscaped()));
        emit loaded();
        return;
    }
    m_cancelPending = [future]() mutable { future.cancel(); };
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, model, key, count = int(inc.size())] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer request replaced this one
        m_cancelPending = nullptr;
        setLoading(false);
        const QFuture<Loaded> f = watcher->future();
        try {
            if (f.isCanceled()) // the pool dropped it: the database is closing
                throw orm::ConnectionError(tr("the database is closing"));
            const Loaded result = f.result(); // rethrows the job's typed exception
            if (!result.found)
                m_title->setText(tr("%1 #%2 no longer exists.").arg(model, key).toHtmlEscaped());
            else
                showLoaded(result, count);
        } catch (const orm::Error &e) {
            qCWarning(lcBrowser) << "include failed:" << e.message();
            m_title->setText(tr("Cannot load the associations: %1").arg(e.message().toHtmlEscaped()));
        }
        emit loaded();
    });
    watcher->setFuture(future);
}

namespace {
QList<orm::OrderBy> byKey(const orm::Database &db, const QString &model)
{
    if (!db.isDefined(model))
        return {};
    const orm::ModelMeta &m = db.model(model).meta();
    if (m.primaryKey.size() != 1)
        return {};
    return {orm::OrderBy(m.primaryKeyField().name)};
}
} // namespace

// On a worker: the record, then each chosen association with at most maxChildren + 1
// records in one query (the one more tells whether to count them all), and the nested
// includes of those records one query per include node.
IncludeTreeWidget::Loaded IncludeTreeWidget::load(const orm::ModelHandle &handle, const QVariant &key,
                                                  const QList<orm::Include> &includes, int maxChildren, int maxRecords)
{
    const orm::Database db = handle.database();
    int budget = maxRecords;
    std::function<Node(const orm::Instance &, const orm::Instance *)> nodeOf = [](const orm::Instance &i,
                                                                                  const orm::Instance *through) {
        Node n;
        n.summary = recordSummary(i);
        n.model = i.meta().name;
        n.key = i.primaryKeyValue();
        n.deleted = i.meta().isParanoid() && i.isSoftDeleted();
        if (through) {
            QStringList attrs;
            for (const orm::FieldMeta &f : through->meta().fields)
                if (!f.primaryKey && !f.references && !f.isTimestamp())
                    attrs << u"%1=%2"_s.arg(f.name, valueText(through->get(f.name)));
            n.through = attrs.join(u", "_s);
            n.throughModel = through->meta().name;
        }
        return n;
    };
    // The groups of a record whose related records are already loaded (nested includes).
    std::function<void(Node &, const orm::Instance &, const QList<orm::Include> &)> addLoaded =
        [&](Node &node, const orm::Instance &instance, const QList<orm::Include> &incs) {
            for (const orm::Include &inc : incs) {
                const QList<orm::Ptr<orm::Instance>> related = instance.included(inc.association);
                Node::Group g{inc.association, related.size(), {}};
                for (int i = 0; i < related.size() && i < maxChildren && budget > 0; ++i, --budget) {
                    g.records.push_back(nodeOf(*related.at(i), instance.through(inc.association, i).data()));
                    addLoaded(g.records.back(), *related.at(i), inc.include);
                }
                node.groups.push_back(std::move(g));
            }
        };

    Loaded out;
    const orm::Ptr<orm::Instance> record = handle.findByPk(key);
    if (!record)
        return out;
    out.found = true;
    out.root = nodeOf(*record, nullptr);
    for (const orm::Include &inc : includes) {
        const orm::AssociationMeta *a = record->meta().association(inc.association);
        orm::FindOptions o;
        o.include = inc.include;
        o.paranoid = inc.paranoid;
        o.limit = maxChildren + 1;
        o.order = a ? byKey(db, a->target) : QList<orm::OrderBy>();
        const QList<orm::Ptr<orm::Instance>> related = record->getAssociated(inc.association, o);
        Node::Group g{inc.association, related.size(), {}};
        if (related.size() > maxChildren)
            g.total = record->countAssociated(inc.association, {.paranoid = inc.paranoid});
        for (int i = 0; i < related.size() && i < maxChildren && budget > 0; ++i, --budget) {
            g.records.push_back(nodeOf(*related.at(i), record->through(inc.association, i).data()));
            addLoaded(g.records.back(), *related.at(i), inc.include);
        }
        out.root.groups.push_back(std::move(g));
    }
    return out;
}

void IncludeTreeWidget::showLoaded(const Loaded &result, int includeCount)
{
    m_title->setText(tr("<b>%1</b> with %n included association(s)", nullptr, includeCount).arg(result.root.summary.toHtmlEscaped()));
    m_results->setUpdatesEnabled(false);
    addNode(m_results->invisibleRootItem(), result.root, {});
    m_results->expandToDepth(3);
    m_results->setUpdatesEnabled(true);
}

void IncludeTreeWidget::addNode(QTreeWidgetItem *parent, const Node &node, const QString &path)
{
    auto *item = new QTreeWidgetItem(parent, {node.summary});
    item->setData(0, ModelRole, node.model);
    item->setData(0, KeyRole, node.key);
    item->setData(0, PathRole, path);
    item->setIcon(0, QIcon(node.deleted ? u":/icons/soft-deleted.svg"_s : u":/icons/model.svg"_s));
    if (!node.throughModel.isEmpty()) {
        item->setText(1, node.through);
        item->setIcon(1, QIcon(u":/icons/junction.svg"_s));
        item->setToolTip(1, tr("Attributes of the %1 row that links the two records").arg(node.throughModel));
    }
    for (const Node::Group &g : node.groups) {
        const QString childPath = path.isEmpty() ? g.association : path + u'/' + g.association;
        auto *group = new QTreeWidgetItem(item, {tr("%1 (%2)").arg(g.association).arg(g.total)});
        group->setData(0, PathRole, childPath);
        group->setData(0, CountRole, g.total);
        group->setIcon(0, QIcon(u":/icons/include.svg"_s));
        QFont f = group->font(0);
        f.setItalic(true);
        group->setFont(0, f);
        for (const Node &child : g.records)
            addNode(group, child, childPath);
        const qint64 rest = g.total - qint64(g.records.size());
        if (rest > 0) {
            auto *more = new QTreeWidgetItem(group, {tr("… and %n more", nullptr, int(qMin<qint64>(rest, INT_MAX)))});
            more->setData(0, CountRole, rest);
            more->setToolTip(0, tr("Only the first %n related records are listed here; the records pane shows them all",
                                   nullptr, int(g.records.size())));
            more->setFont(0, f);
            more->setFlags(Qt::ItemIsEnabled);
        }
    }
}

QStringList IncludeTreeWidget::resultLines() const
{
    QStringList out;
    std::function<void(QTreeWidgetItem *, int)> walk = [&](QTreeWidgetItem *parent, int depth) {
        for (int i = 0; i < parent->childCount(); ++i) {
            QTreeWidgetItem *c = parent->child(i);
            QString line = QString(depth * 2, u' ') + c->text(0);
            if (!c->text(1).isEmpty())
                line += u" | "_s + c->text(1);
            out << line;
            walk(c, depth + 1);
        }
    };
    walk(m_results->invisibleRootItem(), 0);
    return out;
}

QList<RecordLocation> IncludeTreeWidget::includedRecords(const QString &path) const
{
    QList<RecordLocation> out;
    std::function<void(QTreeWidgetItem *)> walk = [&](QTreeWidgetItem *parent) {
        for (int i = 0; i < parent->childCount(); ++i) {
            QTreeWidgetItem *c = parent->child(i);
            if (c->data(0, PathRole).toString() == path && c->data(0, KeyRole).isValid())
                out.append({c->data(0, ModelRole).toString(), c->data(0, KeyRole)});
            walk(c);
        }
    };
    walk(m_results->invisibleRootItem());
    return out;
}

bool IncludeTreeWidget::activate(const QString &path, int index)
{
    const QList<RecordLocation> records = includedRecords(path);
    if (index < 0 || index >= records.size())
        return false;
    emit recordActivated(records.at(index));
    return true;
}

} // namespace quarry::browser
