#include "FilterBuilder.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

namespace quarry::browser {

using namespace Qt::StringLiterals;
using Op = FilterBuilder::Operator;

FilterBuilder::FilterBuilder(QWidget *parent)
    : QWidget(parent), m_combine(new QComboBox(this)), m_rowsLayout(new QVBoxLayout), m_message(new QLabel(this))
{
    m_combine->addItem(tr("all of these conditions (AND)"));
    m_combine->addItem(tr("any of these conditions (OR)"));
    auto *add = new QPushButton(tr("Add condition"), this);
    auto *applyButton = new QPushButton(tr("Apply filter"), this);
    auto *clearButton = new QPushButton(tr("Clear"), this);
    applyButton->setDefault(true);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show rows matching"), this));
    top->addWidget(m_combine);
    top->addStretch();
    top->addWidget(add);
    top->addWidget(applyButton);
    top->addWidget(clearButton);
    m_message->setStyleSheet(u"color: #b03a2e;"_s);
    m_message->setVisible(false);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(m_rowsLayout);
    layout->addWidget(m_message);
    connect(add, &QPushButton::clicked, this, [this] { addCondition(); });
    connect(applyButton, &QPushButton::clicked, this, &FilterBuilder::apply);
    connect(clearButton, &QPushButton::clicked, this, [this] {
        clear();
        apply();
    });
    connect(m_combine, &QComboBox::currentIndexChanged, this, [this] {
        for (Row &r : m_rows)
            r.and_->setText(combine() == Combine::All ? tr("and") : tr("or"));
    });
}

void FilterBuilder::setModelMeta(const orm::ModelMeta *meta)
{
    m_meta = meta;
    clear();
}

void FilterBuilder::clear()
{
    while (!m_rows.isEmpty())
        removeCondition(int(m_rows.size()) - 1);
    m_error.clear();
    m_message->setVisible(false);
}

QList<Op> FilterBuilder::operatorsFor(const orm::FieldMeta &field)
{
    QList<Op> ops;
    switch (field.type) {
    case orm::FieldType::Boolean:
        ops = {Op::Eq, Op::Ne};
        break;
    case orm::FieldType::Integer:
    case orm::FieldType::BigInt:
    case orm::FieldType::Double:
    case orm::FieldType::Decimal:
    case orm::FieldType::Date:
    case orm::FieldType::Time:
    case orm::FieldType::DateTime:
        ops = {Op::Eq, Op::Ne, Op::Gt, Op::Gte, Op::Lt, Op::Lte, Op::Between, Op::In, Op::NotIn};
        break;
    case orm::FieldType::String:
    case orm::FieldType::Text:
    case orm::FieldType::Uuid:
    case orm::FieldType::Enum:
        ops = {Op::Eq, Op::Ne, Op::Substring, Op::StartsWith, Op::EndsWith, Op::Like, Op::NotLike, Op::ILike,
               Op::In, Op::NotIn, Op::Gt, Op::Gte, Op::Lt, Op::Lte};
        break;
    case orm::FieldType::Json:
        ops = {Op::Substring, Op::Like, Op::NotLike};
        break;
    case orm::FieldType::Blob:
        break;
    }
    if (field.allowNull)
        ops << Op::IsNull << Op::NotNull;
    return ops;
}

QString FilterBuilder::operatorText(Op op)
{
    switch (op) {
    case Op::Eq: return tr("= (eq)");
    case Op::Ne: return tr("≠ (ne)");
    case Op::Gt: return tr("> (gt)");
    case Op::Gte: return tr("≥ (gte)");
    case Op::Lt: return tr("< (lt)");
    case Op::Lte: return tr("≤ (lte)");
    case Op::Like: return tr("like (% and _ wildcards)");
    case Op::NotLike: return tr("not like");
    case Op::ILike: return tr("like, ignoring case (iLike)");
    case Op::StartsWith: return tr("starts with");
    case Op::EndsWith: return tr("ends with");
    case Op::Substring: return tr("contains (substring)");
    case Op::In: return tr("is one of (in)");
    case Op::NotIn: return tr("is none of (notIn)");
    case Op::Between: return tr("between");
    case Op::IsNull: return tr("is null");
    case Op::NotNull: return tr("is not null");
    }
    return {};
}

int FilterBuilder::addCondition(const QString &field, Operator op, const QString &value, const QString &value2)
{
    Row row;
    row.widget = new QWidget(this);
    row.and_ = new QLabel(m_rows.isEmpty() ? tr("where") : combine() == Combine::All ? tr("and") : tr("or"), row.widget);
    row.and_->setMinimumWidth(40);
    row.field = new QComboBox(row.widget);
    row.op = new QComboBox(row.widget);
    row.value = new QLineEdit(row.widget);
    row.value2 = new QLineEdit(row.widget);
    row.remove = new QToolButton(row.widget);
    row.remove->setText(u"✕"_s);
    row.remove->setToolTip(tr("Remove this condition"));
    row.value2->setPlaceholderText(tr("upper bound"));
    if (m_meta)
        for (const orm::FieldMeta &f : m_meta->fields)
            if (!operatorsFor(f).isEmpty())
                row.field->addItem(tr("%1 (%2)").arg(f.name, orm::fieldTypeName(f.type)), f.name);
    auto *h = new QHBoxLayout(row.widget);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(row.and_);
    h->addWidget(row.field, 2);
    h->addWidget(row.op, 2);
    h->addWidget(row.value, 3);
    h->addWidget(row.value2, 2);
    h->addWidget(row.remove);
    m_rowsLayout->addWidget(row.widget);
    if (!field.isEmpty())
        row.field->setCurrentIndex(row.field->findData(field));
    m_rows.append(row);
    Row &r = m_rows.last();
    fillOperators(r);
    const int opIndex = r.op->findData(QVariant::fromValue(op));
    if (opIndex >= 0)
        r.op->setCurrentIndex(opIndex);
    r.value->setText(value);
    r.value2->setText(value2);
    updateValueEditors(r);
    QWidget *w = r.widget;
    auto rowOf = [this, w]() -> Row * {
        for (Row &x : m_rows)
            if (x.widget == w)
                return &x;
        return nullptr;
    };
    connect(r.field, &QComboBox::currentIndexChanged, this, [rowOf, this] {
        if (Row *x = rowOf()) {
            fillOperators(*x);
            updateValueEditors(*x);
        }
    });
    connect(r.op, &QComboBox::currentIndexChanged, this, [rowOf, this] {
        if (Row *x = rowOf())
            updateValueEditors(*x);
    });
    connect(r.value, &QLineEdit::returnPressed, this, &FilterBuilder::apply);
    connect(r.value2, &QLineEdit::returnPressed, this, &FilterBuilder::apply);
    connect(r.remove, &QToolButton::clicked, this, [this, w] {
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows.at(i).widget == w) {
                removeCondition(i);
                return;
            }
    });
    return int(m_rows.size()) - 1;
}

void FilterBuilder::removeCondition(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    delete m_rows.takeAt(row).widget;
    if (!m_rows.isEmpty())
        m_rows.first().and_->setText(tr("where"));
}

void FilterBuilder::setCombine(Combine c)
{
    m_combine->setCurrentIndex(c == Combine::All ? 0 : 1);
}

FilterBuilder::Combine FilterBuilder::combine() const
{
    return m_combine->currentIndex() == 1 ? Combine::Any : Combine::All;
}

QList<Op> FilterBuilder::offeredOperators(int row) const
{
    QList<Op> ops;
    if (row < 0 || row >= m_rows.size())
        return ops;
    for (int i = 0; i < m_rows.at(row).op->count(); ++i)
        ops.append(m_rows.at(row).op->itemData(i).value<Op>());
    return ops;
}

const orm::FieldMeta *FilterBuilder::fieldOf(const Row &row) const
{
    return m_meta ? m_meta->field(row.field->currentData().toString()) : nullptr;
}

void FilterBuilder::fillOperators(Row &row)
{
    const QVariant current = row.op->currentData();
    const QSignalBlocker block(row.op);
    row.op->clear();
    if (const orm::FieldMeta *f = fieldOf(row))
        for (Op op : operatorsFor(*f))
            row.op->addItem(operatorText(op), QVariant::fromValue(op));
    const int keep = row.op->findData(current);
    row.op->setCurrentIndex(keep >= 0 ? keep : 0);
}

void FilterBuilder::updateValueEditors(Row &row)
{
    const Op op = row.op->currentData().value<Op>();
    const bool none = op == Op::IsNull || op == Op::NotNull;
    row.value->setVisible(!none);
    row.value2->setVisible(op == Op::Between);
    QString hint;
    const orm::FieldMeta *f = fieldOf(row);
    if (op == Op::In || op == Op::NotIn)
        hint = tr("values, separated by commas");
    else if (op == Op::Like || op == Op::NotLike || op == Op::ILike)
        hint = tr("pattern, e.g. %abc%");
    else if (op == Op::Between)
        hint = tr("lower bound");
    else if (f && f->type == orm::FieldType::Boolean)
        hint = tr("true or false");
    else if (f && f->type == orm::FieldType::DateTime)
        hint = tr("YYYY-MM-DD hh:mm:ss");
    else if (f && f->type == orm::FieldType::Date)
        hint = tr("YYYY-MM-DD");
    else
        hint = tr("value");
    row.value->setPlaceholderText(hint);
}

bool FilterBuilder::convert(const orm::FieldMeta &field, const QString &text, QVariant *out) const
{
    const QString t = text.trimmed();
    bool ok = true;
    switch (field.type) {
    case orm::FieldType::Boolean: {
        const QString l = t.toLower();
        if (l == "true"_L1 || l == "1"_L1 || l == "yes"_L1 || l == tr("true").toLower())
            *out = true;
        else if (l == "false"_L1 || l == "0"_L1 || l == "no"_L1 || l == tr("false").toLower())
            *out = false;
        else
            ok = false;
        break;
    }
    case orm::FieldType::Integer:
    case orm::FieldType::BigInt:
        *out = t.toLongLong(&ok);
        break;
    case orm::FieldType::Double:
    case orm::FieldType::Decimal:
        *out = t.toDouble(&ok);
        break;
    case orm::FieldType::Date: {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        ok = d.isValid();
        *out = d;
        break;
    }
    case orm::FieldType::Time: {
        const QTime tm = QTime::fromString(t, Qt::ISODate);
        ok = tm.isValid();
        *out = tm;
        break;
    }
    case orm::FieldType::DateTime: {
        QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
        if (!dt.isValid())
            dt = QDateTime::fromString(t, u"yyyy-MM-dd hh:mm:ss"_s);
        if (!dt.isValid() && QDate::fromString(t, Qt::ISODate).isValid())
            dt = QDate::fromString(t, Qt::ISODate).startOfDay();
        ok = dt.isValid();
        *out = dt;
        break;
    }
    case orm::FieldType::Uuid:
        ok = !QUuid::fromString(t).isNull();
        *out = t;
        break;
    default:
        *out = text; // strings keep their spaces
        break;
    }
    return ok;
}

bool FilterBuilder::rowWhere(Row &row, orm::Where *where)
{
    const orm::FieldMeta *f = fieldOf(row);
    if (!f) {
        m_error = tr("Choose a field");
        return false;
    }
    const Op op = row.op->currentData().value<Op>();
    auto bad = [&](const QString &text) {
        m_error = tr("“%1” is not a valid %2 value for %3").arg(text, orm::fieldTypeName(f->type), f->name);
        return false;
    };
    QVariant v, v2;
    if (op == Op::In || op == Op::NotIn) {
        QVariantList list;
        for (const QString &part : row.value->text().split(u',', Qt::SkipEmptyParts)) {
            QVariant item;
            if (!convert(*f, part.trimmed(), &item))
                return bad(part.trimmed());
            list.append(item);
        }
        if (list.isEmpty()) {
            m_error = tr("Give at least one value for %1").arg(f->name);
            return false;
        }
        v = list;
    } else if (op != Op::IsNull && op != Op::NotNull) {
        if (!convert(*f, row.value->text(), &v))
            return bad(row.value->text());
        if (op == Op::Between && !convert(*f, row.value2->text(), &v2))
            return bad(row.value2->text());
    }
    orm::Condition c = orm::Op::eq(v);
    switch (op) {
    case Op::Eq: c = orm::Op::eq(v); break;
    case Op::Ne: c = orm::Op::ne(v); break;
    case Op::Gt: c = orm::Op::gt(v); break;
    case Op::Gte: c = orm::Op::gte(v); break;
    case Op::Lt: c = orm::Op::lt(v); break;
    case Op::Lte: c = orm::Op::lte(v); break;
    case Op::Like: c = orm::Op::like(v.toString()); break;
    case Op::NotLike: c = orm::Op::notLike(v.toString()); break;
    case Op::ILike: c = orm::Op::iLike(v.toString()); break;
    case Op::StartsWith: c = orm::Op::startsWith(v.toString()); break;
    case Op::EndsWith: c = orm::Op::endsWith(v.toString()); break;
    case Op::Substring: c = orm::Op::substring(v.toString()); break;
    case Op::In: c = orm::Op::in(v.toList()); break;
    case Op::NotIn: c = orm::Op::notIn(v.toList()); break;
    case Op::Between: c = orm::Op::between(v, v2); break;
    case Op::IsNull: c = orm::Op::isNull(); break;
    case Op::NotNull: c = orm::Op::notNull(); break;
    }
    *where = orm::Where(f->name, orm::Term(c));
    return true;
}

bool FilterBuilder::buildWhere(orm::Where *where)
{
    m_error.clear();
    QList<orm::Where> parts;
    bool ok = true;
    for (Row &row : m_rows) {
        orm::Where w;
        const bool rowOk = rowWhere(row, &w);
        row.value->setStyleSheet(rowOk ? QString() : u"border: 1px solid #b03a2e;"_s);
        row.value->setToolTip(rowOk ? QString() : m_error);
        if (!rowOk) {
            ok = false;
            break;
        }
        parts.append(w);
    }
    m_message->setText(m_error);
    m_message->setVisible(!ok);
    if (!ok)
        return false;
    if (parts.isEmpty())
        *where = {};
    else if (parts.size() == 1)
        *where = parts.first();
    else
        *where = combine() == Combine::All ? orm::Where::allOf(parts) : orm::Where::anyOf(parts);
    return true;
}

bool FilterBuilder::apply()
{
    orm::Where where;
    if (!buildWhere(&where))
        return false;
    emit filterChanged(where);
    return true;
}

} // namespace quarry::browser
