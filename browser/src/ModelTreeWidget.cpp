#include "ModelTreeWidget.h"

#include "SchemaGraph.h"

#include <orm/ModelMeta.h>
#include <QHeaderView>
#include <QIcon>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
constexpr int ModelRole = Qt::UserRole + 1;

QString yes(bool b)
{
    return b ? ModelTreeWidget::tr("yes") : ModelTreeWidget::tr("no");
}

QString fieldDetails(const orm::FieldMeta &f)
{
    QStringList parts{orm::fieldTypeName(f.type)};
    if (f.type == orm::FieldType::String)
        parts.first() += u"(%1)"_s.arg(f.length);
    if (f.primaryKey)
        parts << (f.autoIncrement ? ModelTreeWidget::tr("primary key, auto-increment") : ModelTreeWidget::tr("primary key"));
    if (f.references)
        parts << ModelTreeWidget::tr("foreign key → %1.%2 (on delete %3)")
                     .arg(f.references->table, f.references->column,
                          f.references->onDelete.isEmpty() ? ModelTreeWidget::tr("default") : f.references->onDelete);
    if (f.unique)
        parts << (f.uniqueGroup.isEmpty() ? ModelTreeWidget::tr("unique") : ModelTreeWidget::tr("unique (%1)").arg(f.uniqueGroup));
    if (!f.allowNull && !f.primaryKey)
        parts << ModelTreeWidget::tr("not null");
    switch (f.defaultKind) {
    case orm::FieldMeta::Default::Literal:
        parts << ModelTreeWidget::tr("default %1").arg(f.defaultValue.toString());
        break;
    case orm::FieldMeta::Default::Now:
        parts << ModelTreeWidget::tr("default NOW");
        break;
    case orm::FieldMeta::Default::UuidV4:
        parts << ModelTreeWidget::tr("default UUIDV4");
        break;
    case orm::FieldMeta::Default::None:
        break;
    }
    if (!f.validators.isEmpty())
        parts << ModelTreeWidget::tr("validators: %1").arg(f.validators.join(u", "_s));
    if (f.isTimestamp())
        parts << ModelTreeWidget::tr("timestamp");
    return parts.join(u"; "_s);
}

QTreeWidgetItem *child(QTreeWidgetItem *parent, const QString &name, const QString &details = {})
{
    auto *item = new QTreeWidgetItem(parent, {name, details});
    item->setToolTip(1, details);
    return item;
}

} // namespace

ModelTreeWidget::ModelTreeWidget(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Model"), tr("Details")});
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        if (m_selecting || !current)
            return;
        while (current->parent())
            current = current->parent();
        emit modelSelected(current->data(0, ModelRole).toString());
    });
}

void ModelTreeWidget::setDatabase(const orm::Database &db)
{
    m_db = db;
    clear();
    const QStringList junctions = SchemaGraph::junctionModels(db);
    for (const QString &name : db.modelNames())
        addModel(db.model(name).meta(), junctions.contains(name));
}

void ModelTreeWidget::addModel(const orm::ModelMeta &m, bool junction)
{
    auto *top = new QTreeWidgetItem(this, {m.name, junction ? tr("junction, table %1").arg(m.tableName)
                                                            : tr("table %1").arg(m.tableName)});
    top->setData(0, ModelRole, m.name);
    top->setIcon(0, QIcon(junction ? u":/icons/junction.svg"_s : u":/icons/model.svg"_s));
    QFont bold = top->font(0);
    bold.setBold(true);
    top->setFont(0, bold);

    auto *fields = child(top, tr("Fields"), tr("%n field(s)", nullptr, int(m.fields.size())));
    for (const orm::FieldMeta &f : m.fields) {
        auto *item = child(fields, f.name == f.column ? f.name : u"%1 (%2)"_s.arg(f.name, f.column), fieldDetails(f));
        item->setIcon(0, QIcon(f.primaryKey ? u":/icons/key.svg"_s
                               : f.references ? u":/icons/foreign-key.svg"_s
                               : f.role == orm::FieldMeta::Role::DeletedAt ? u":/icons/soft-deleted.svg"_s
                                                                           : u":/icons/field.svg"_s));
        if (f.primaryKey) {
            QFont pk = item->font(0);
            pk.setUnderline(true);
            item->setFont(0, pk);
        }
    }
    auto *assocs = child(top, tr("Associations"), tr("%n association(s)", nullptr, int(m.associations.size())));
    for (const orm::AssociationMeta &a : m.associations) {
        auto *item = child(assocs, a.name, tr("%1 %2").arg(orm::associationKindName(a.kind), a.target));
        static const char *const kindIcons[] = {":/icons/has-one.svg", ":/icons/belongs-to.svg", ":/icons/has-many.svg",
                                                ":/icons/belongs-to-many.svg"};
        item->setIcon(0, QIcon(QString::fromLatin1(kindIcons[int(a.kind)])));
        if (!a.inverse.isEmpty())
            child(item, tr("inverse"), u"%1.%2"_s.arg(a.target, a.inverse));
        child(item, tr("kind"), orm::associationKindName(a.kind));
        child(item, tr("target"), a.target);
        child(item, tr("alias"), a.hasAlias ? a.name : tr("(none)"));
        child(item, tr("foreign key"), a.foreignKey);
        if (a.kind == orm::AssociationKind::BelongsToMany) {
            child(item, tr("other key"), a.otherKey);
            child(item, tr("junction"), a.throughIsAutomatic ? tr("%1 (automatic)").arg(a.through) : a.through);
        }
        if (!a.onDelete.isEmpty() || !a.onUpdate.isEmpty())
            child(item, tr("referential actions"), tr("on delete %1, on update %2").arg(a.onDelete, a.onUpdate));
        child(item, tr("accessors"), a.accessors.join(u", "_s));
    }
    auto *options = child(top, tr("Options"));
    options->setIcon(0, QIcon(u":/icons/options.svg"_s));
    child(options, tr("tableName"), m.tableName);
    child(options, tr("timestamps"), yes(m.options.timestamps));
    child(options, tr("paranoid"), yes(m.isParanoid()));
    child(options, tr("underscored"), yes(m.options.underscored));
    child(options, tr("freezeTableName"), yes(m.options.freezeTableName));
    child(options, tr("defined"), m.isDynamic() ? tr("at run time") : tr("C++ class"));
    fields->setIcon(0, QIcon(u":/icons/field.svg"_s));
    assocs->setIcon(0, QIcon(m.isJunction ? u":/icons/junction.svg"_s : u":/icons/include.svg"_s));
    // "Which associations point at this model": the public Database::associationsTo.
    const QList<orm::AssociationMeta> incoming = m_db.associationsTo(m.name);
    auto *referenced = child(top, tr("Referenced by"), tr("%n association(s)", nullptr, int(incoming.size())));
    referenced->setIcon(0, QIcon(u":/icons/belongs-to.svg"_s));
    for (const orm::AssociationMeta &a : incoming)
        child(referenced, u"%1.%2"_s.arg(a.source, a.name), orm::associationKindName(a.kind));
    fields->setExpanded(true);
}

QTreeWidgetItem *ModelTreeWidget::modelItem(const QString &model) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->data(0, ModelRole).toString() == model)
            return topLevelItem(i);
    return nullptr;
}

QString ModelTreeWidget::selectedModel() const
{
    QTreeWidgetItem *item = currentItem();
    while (item && item->parent())
        item = item->parent();
    return item ? item->data(0, ModelRole).toString() : QString();
}

void ModelTreeWidget::selectModel(const QString &model)
{
    if (model == selectedModel())
        return;
    QTreeWidgetItem *item = modelItem(model);
    if (!item)
        return;
    m_selecting = true;
    setCurrentItem(item);
    item->setExpanded(true);
    scrollToItem(item, QAbstractItemView::PositionAtTop);
    m_selecting = false;
}

} // namespace quarry::browser
