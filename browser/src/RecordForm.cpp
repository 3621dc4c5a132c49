#include "RecordForm.h"

#include "BelongsToManyChecklist.h"
#include "BelongsToPicker.h"
#include "BrowserLogging.h"
#include "FieldEditorFactory.h"

#include <orm/Async.h>
#include <orm/Errors.h>
#include <orm/Instance.h>
#include <orm/SqlTagScope.h>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QProgressBar>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
bool isAutomatic(const orm::FieldMeta &f)
{
    return f.isTimestamp() || (f.primaryKey && f.autoIncrement);
}
bool isRequired(const orm::FieldMeta &f)
{
    return !f.allowNull && f.defaultKind == orm::FieldMeta::Default::None && !isAutomatic(f);
}
} // namespace

RecordForm::RecordForm(const orm::Database &db, const QString &model, const QVariantMap &existing, QWidget *parent)
    : QDialog(parent), m_db(db), m_model(model), m_existing(existing), m_error(new QLabel(this)),
      m_busy(new QProgressBar(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    const orm::ModelHandle handle = db.model(model);
    const orm::ModelMeta &meta = handle.meta();
    setWindowTitle(isNewRecord() ? tr("New %1").arg(model) : tr("Edit %1").arg(model));

    auto *content = new QWidget;
    auto *form = new QFormLayout(content);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const orm::FieldMeta &f : meta.fields) {
        if (isAutomatic(f) && isNewRecord())
            continue; // the ORM or the database fills these in
        FieldEditor *e = nullptr;
        if (f.references && db.isDefined(f.references->model)) {
            const orm::ModelMeta &parentMeta = db.model(f.references->model).meta();
            int keyIndex = parentMeta.indexOfColumn(f.references->column);
            if (keyIndex < 0)
                keyIndex = parentMeta.indexOf(f.references->column);
            if (keyIndex >= 0) {
                auto *picker = new BelongsToPicker(db, f.references->model, parentMeta.fields.at(keyIndex).name, f.allowNull);
                e = new FieldEditor(f, picker, content);
            }
        }
        if (!e)
            e = FieldEditorFactory::create(f, content);
        if (!isNewRecord()) {
            e->setValue(existing.value(f.name));
            // Keys name the row being edited; timestamps are the ORM's.
            e->setReadOnly(isAutomatic(f) || f.primaryKey);
        }
        QString label = f.name;
        if (isRequired(f))
            label = tr("%1 *").arg(f.name);
        auto *l = new QLabel(label, content);
        if (isRequired(f)) {
            QFont bold = l->font();
            bold.setBold(true);
            l->setFont(bold);
        }
        QString tip = tr("%1, %2").arg(orm::fieldTypeName(f.type), f.allowNull ? tr("may be NULL") : tr("required"));
        if (!f.validators.isEmpty())
            tip += u"\n"_s + tr("Validators: %1").arg(f.validators.join(u", "_s));
        if (f.references)
            tip += u"\n"_s + tr("References %1.%2").arg(f.references->model, f.references->column);
        l->setToolTip(tip);
        form->addRow(l, e);
        m_editors.insert(f.name, e);
    }

    auto *layout = new QVBoxLayout(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto *inner = new QWidget;
    auto *innerLayout = new QVBoxLayout(inner);
    innerLayout->addWidget(content);
    QVariant sourceKey;
    for (const orm::AssociationMeta &a : meta.associations) {
        if (a.kind != orm::AssociationKind::BelongsToMany || !db.isDefined(a.through) || !db.isDefined(a.target))
            continue;
        if (!isNewRecord())
            sourceKey = existing.value(a.sourceKey);
        auto *box = new QGroupBox(tr("%1 — belongsToMany %2 through %3").arg(a.name, a.target, a.through), inner);
        auto *boxLayout = new QVBoxLayout(box);
        auto *list = new BelongsToManyChecklist(db, a, isNewRecord() ? QVariant() : sourceKey, box);
        boxLayout->addWidget(list);
        innerLayout->addWidget(box);
        m_checklists.insert(a.name, list);
    }
    innerLayout->addStretch();
    scroll->setWidget(inner);
    m_fields = scroll;
    m_busy->setRange(0, 0); // a busy bar while the worker saves
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_busy->setToolTip(tr("Saving…"));
    auto *note = new QLabel(tr("Fields marked * are required."), this);
    note->setEnabled(false);
    m_error->setStyleSheet(u"color: #b03a2e;"_s);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(scroll, 1);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(m_busy);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RecordForm::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, 560);
}

BelongsToPicker *RecordForm::picker(const QString &attribute) const
{
    FieldEditor *e = editor(attribute);
    return e ? qobject_cast<BelongsToPicker *>(e->editor()) : nullptr;
}

QStringList RecordForm::requiredFields() const
{
    QStringList out;
    for (const orm::FieldMeta &f : m_db.model(m_model).meta().fields)
        if (m_editors.contains(f.name) && isRequired(f))
            out << f.name;
    return out;
}

bool RecordForm::isReady() const
{
    for (FieldEditor *e : m_editors)
        if (auto *p = qobject_cast<BelongsToPicker *>(e->editor()); p && !p->isLoaded())
            return false;
    for (BelongsToManyChecklist *c : m_checklists)
        if (!c->isLoaded())
            return false;
    return true;
}

QString RecordForm::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text(); // isHidden: the form may not be shown
}

void RecordForm::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void RecordForm::clearErrors()
{
    for (FieldEditor *e : std::as_const(m_editors))
        e->clearError();
    showError({});
}

QVariantMap RecordForm::collectValues(bool *ok)
{
    *ok = true;
    QVariantMap values;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        const orm::FieldMeta &f = it.value()->field();
        if (isAutomatic(f) || f.type == orm::FieldType::Blob || (!isNewRecord() && f.primaryKey))
            continue;
        QString why;
        if (!it.value()->check(&why)) {
            it.value()->setError(why);
            *ok = false;
            continue;
        }
        const QVariant v = it.value()->value();
        // NULL on a new record's field with a default: the ORM applies the default.
        if (!v.isValid() && isNewRecord() && f.defaultKind != orm::FieldMeta::Default::None)
            continue;
        values.insert(f.name, v.isValid() ? v : QVariant(f.metaType.isValid() ? f.metaType : QMetaType::fromType<QString>()));
    }
    return values;
}

bool RecordForm::save()
{
    if (m_saving)
        return false;
    clearErrors();
    if (!isReady()) {
        showError(tr("Still loading the lists of related records; try again in a moment."));
        return false;
    }
    bool ok = false;
    const QVariantMap values = collectValues(&ok);
    if (!ok) {
        showError(tr("Some fields are not valid; see the messages at the fields."));
        return false;
    }
    // Everything the worker needs is taken from the widgets here, on the GUI thread.
    const orm::ModelHandle handle = m_db.model(m_model);
    const orm::ModelMeta &meta = handle.meta();
    QList<orm::Where> keyParts;
    for (int i : meta.primaryKey)
        keyParts.append(orm::Where(meta.fields.at(i).name, orm::Term(m_existing.value(meta.fields.at(i).name))));
    QList<std::pair<orm::AssociationMeta, BelongsToManyChecklist::Changes>> links;
    for (BelongsToManyChecklist *c : std::as_const(m_checklists))
        links.append({c->association(), c->changes()});
    const bool isNew = isNewRecord();
    const orm::Where keyWhere = orm::Where::allOf(keyParts);
    const orm::Database db = m_db;

    setSaving(true);
    // Not watchFuture: the failure is needed as the typed exception, to put it at the fields.
    auto *watcher = new QFutureWatcher<QVariant>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, tag = orm::SqlTagScope::current()] {
        const orm::SqlTagScope scope(tag); // what follows belongs to the same action (SQL log)
        watcher->deleteLater();
        setSaving(false);
        try {
            saveSucceeded(watcher->result()); // rethrows the typed error of the worker
        } catch (...) {
            saveFailedWith(std::current_exception());
        }
    });
    watcher->setFuture(m_db.async().transaction([db, handle, values, isNew, keyWhere, links] {
        orm::Ptr<orm::Instance> record;
        if (isNew) {
            record = handle.create(values);
        } else {
            record = handle.findOne({.where = keyWhere, .paranoid = false, .rejectOnEmpty = true});
            record->set(values);
            record->save();
        }
        for (const auto &[association, changes] : links)
            BelongsToManyChecklist::apply(db, association, record, changes);
        return record->primaryKeyValue();
    }));
    return true;
}

void RecordForm::reject()
{
    if (!m_saving)
        QDialog::reject();
}

void RecordForm::setSaving(bool saving)
{
    m_saving = saving;
    m_fields->setEnabled(!saving);
    m_buttons->setEnabled(!saving);
    m_busy->setVisible(saving);
}

void RecordForm::saveSucceeded(const QVariant &key)
{
    qCInfo(lcBrowser) << m_model << (isNewRecord() ? "created" : "updated") << key;
    m_savedKey = key;
    emit saved(key);
    emit saveFinished(true);
    accept();
}

void RecordForm::saveFailedWith(std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const orm::ValidationError &e) {
        QStringList elsewhere;
        for (const orm::ValidationErrorItem &item : e.items()) {
            FieldEditor *ed = item.model == m_model ? m_editors.value(item.field) : nullptr;
            if (ed && ed->errorText().isEmpty())
                ed->setError(item.message);
            else if (ed)
                ed->setError(ed->errorText() + u'\n' + item.message);
            else
                elsewhere << (item.field.isEmpty() ? item.message : tr("%1.%2: %3").arg(item.model, item.field, item.message));
        }
        showError(elsewhere.isEmpty() ? tr("Some fields are not valid; see the messages at the fields.")
                                      : tr("Not valid: %1").arg(elsewhere.join(u"; "_s)));
    } catch (const orm::ConstraintError &e) {
        QString kind = tr("The database refused the record");
        if (dynamic_cast<const orm::UniqueConstraintError *>(&e))
            kind = tr("Another record already has this value");
        else if (dynamic_cast<const orm::ForeignKeyConstraintError *>(&e))
            kind = tr("A referenced record does not exist, or other records still refer to this one");
        else if (dynamic_cast<const orm::NotNullConstraintError *>(&e))
            kind = tr("A required value is missing");
        for (const QString &f : e.fields())
            if (FieldEditor *ed = e.model() == m_model ? m_editors.value(f) : nullptr)
                ed->setError(kind);
        showError(tr("%1 (%2).\n%3").arg(kind, e.constraint().isEmpty() ? e.fields().join(u", "_s) : e.constraint(),
                                         e.driverText()));
    } catch (const orm::Error &e) {
        showError(tr("Not saved: %1").arg(e.message()));
    } catch (const std::exception &e) {
        showError(tr("Not saved: %1").arg(QString::fromUtf8(e.what())));
    }
    qCInfo(lcBrowser) << m_model << "not saved:" << errorText();
    emit saveFailed(errorText());
    emit saveFinished(false);
}

} // namespace quarry::browser
