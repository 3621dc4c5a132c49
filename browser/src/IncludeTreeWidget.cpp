#include "IncludeTreeWidget.h"

#include "BrowserLogging.h"

#include <orm/Errors.h>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
enum Roles { PathRole = Qt::UserRole, ModelRole, KeyRole, PopulatedRole };

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

IncludeTreeWidget::IncludeTreeWidget(QWidget *parent)
    : QWidget(parent), m_choices(new QTreeWidget), m_results(new QTreeWidget), m_title(new QLabel)
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

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_choices);
    split->addWidget(m_results);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_title);
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

void IncludeTreeWidget::reload()
{
    m_results->clear();
    if (!m_record.isValid())
        return;
    const QList<orm::Include> inc = includes();
    const orm::ModelHandle handle = m_db.model(m_record.model);
    emit loading(tr("Include for %1 #%2").arg(m_record.model, valueText(m_record.primaryKey)));
    try {
        const orm::Ptr<orm::Instance> record = handle.findByPk(m_record.primaryKey, {.include = inc});
        if (!record) {
            m_title->setText(tr("%1 #%2 no longer exists.").arg(m_record.model, valueText(m_record.primaryKey)));
            return;
        }
        m_title->setText(tr("<b>%1</b> with %n included association(s)", nullptr, int(inc.size())).arg(recordSummary(*record).toHtmlEscaped()));
        addRecord(m_results->invisibleRootItem(), record, {}, inc, {});
        m_results->expandToDepth(3);
    } catch (const orm::Error &e) {
        qCWarning(lcBrowser) << "include failed:" << e.message();
        m_title->setText(tr("Cannot load the associations: %1").arg(e.message().toHtmlEscaped()));
    }
}

void IncludeTreeWidget::addRecord(QTreeWidgetItem *parent, const orm::Ptr<orm::Instance> &instance, const orm::Ptr<orm::Instance> &through,
                                  const QList<orm::Include> &includes, const QString &path)
{
    auto *item = new QTreeWidgetItem(parent, {recordSummary(*instance)});
    item->setData(0, ModelRole, instance->meta().name);
    item->setData(0, KeyRole, instance->primaryKeyValue());
    item->setData(0, PathRole, path);
    const bool deleted = instance->meta().isParanoid() && instance->isSoftDeleted();
    item->setIcon(0, QIcon(deleted ? u":/icons/soft-deleted.svg"_s : u":/icons/model.svg"_s));
    if (through) {
        QStringList attrs;
        for (const orm::FieldMeta &f : through->meta().fields)
            if (!f.primaryKey && !f.references && !f.isTimestamp())
                attrs << u"%1=%2"_s.arg(f.name, valueText(through->get(f.name)));
        item->setText(1, attrs.join(u", "_s));
        item->setIcon(1, QIcon(u":/icons/junction.svg"_s));
        item->setToolTip(1, tr("Attributes of the %1 row that links the two records").arg(through->meta().name));
    }
    for (const orm::Include &inc : includes) {
        const QList<orm::Ptr<orm::Instance>> related = instance->included(inc.association);
        const QString childPath = path.isEmpty() ? inc.association : path + u'/' + inc.association;
        auto *group = new QTreeWidgetItem(item, {tr("%1 (%2)").arg(inc.association).arg(related.size())});
        group->setData(0, PathRole, childPath);
        group->setIcon(0, QIcon(u":/icons/include.svg"_s));
        QFont f = group->font(0);
        f.setItalic(true);
        group->setFont(0, f);
        for (int i = 0; i < related.size(); ++i)
            addRecord(group, related.at(i), instance->through(inc.association, i), inc.include, childPath);
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
