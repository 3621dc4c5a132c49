#include "validate/Runner.h"

#include "load/InstanceAccess.h"
#include "validate/Validators.h"

#include <QCoreApplication>

namespace orm::detail {

namespace {

QString defaultMessage(const QString &validator, const QString &field)
{
    return QCoreApplication::translate("orm::Validation", "Validation %1 on %2 failed").arg(validator, field);
}

// The message a custom validator failed with; nullopt when it passed. A failure is a
// ValidatorFailure or any std::exception that is not an orm::Error (those propagate: a
// query that failed inside a validator is not the value's fault).
template <class Call>
std::optional<QString> failureOf(Call &&call)
{
    try {
        call();
        return std::nullopt;
    } catch (const ValidatorFailure &e) {
        return e.message();
    } catch (const Error &) {
        throw;
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
}

void checkField(const ModelMeta &m, int f, const QVariant &value, const ValidationRun &run,
                const ModelValidators::Snapshot *customs, QList<ValidationErrorItem> &out)
{
    const FieldMeta &field = m.fields.at(f);
    const FieldValidators *compiled = field.compiledValidators.get();
    const bool isNull = nullValue(value);
    if (isNull && !field.allowNull) {
        if (field.autoIncrement)
            return; // the database gives it
        const QString message = compiled && !compiled->notNullMessage.isEmpty()
                                    ? translateValidation(compiled->notNullMessage)
                                    : QCoreApplication::translate("orm::Validation", "%1.%2 cannot be null").arg(m.name, field.name);
        out.append({m.name, field.name, message, QStringLiteral("notNull"), value, run.record});
        return; // exactly one item, and nothing else runs on this field
    }
    if (!run.validators)
        return;
    if (compiled && !isNull && !compiled->builtins.isEmpty()) {
        const QString text = validatorText(value);
        for (const CompiledValidator &v : compiled->builtins) {
            if (v.test(value, text))
                continue;
            out.append({m.name, field.name, v.message.isEmpty() ? defaultMessage(v.name, field.name) : translateValidation(v.message),
                        v.name, value, run.record});
        }
    }
    if (!customs)
        return;
    for (const ModelValidators::FieldCustom &c : customs->fields) {
        if (c.field != field.name)
            continue;
        if (std::optional<QString> failure = failureOf([&] { c.fn(value); }))
            out.append({m.name, field.name, failure->isEmpty() ? defaultMessage(c.name, field.name) : *failure, c.name,
                        value, run.record});
    }
}

std::shared_ptr<const ModelValidators::Snapshot> customsOf(const ModelMeta &m, bool validators)
{
    if (!validators || !m.customValidators)
        return nullptr;
    std::shared_ptr<const ModelValidators::Snapshot> s = m.customValidators->snapshot();
    return s->isEmpty() ? nullptr : s;
}

} // namespace

void collectFailures(const Instance &instance, const QList<int> &fields, const ValidationRun &run,
                     QList<ValidationErrorItem> &out, const QVariantList *current)
{
    const ModelMeta &m = instance.meta();
    const std::shared_ptr<const ModelValidators::Snapshot> customs = customsOf(m, run.validators);
    for (int f : fields) {
        if (current)
            checkField(m, f, current->at(f), run, customs.get(), out);
        else
            checkField(m, f, InstanceAccess::read(instance, f), run, customs.get(), out);
    }
    if (!customs || !run.modelWide)
        return;
    for (const ModelValidators::ModelCustom &c : customs->model) {
        if (std::optional<QString> failure = failureOf([&] { c.fn(instance); })) {
            const QString message = failure->isEmpty()
                                        ? QCoreApplication::translate("orm::Validation", "Validation %1 failed").arg(c.name)
                                        : *failure;
            out.append({m.name, QString(), message, c.name, QVariant(), run.record});
        }
    }
}

void validateInstance(const Instance &instance, const QList<int> &fields, const ValidationRun &run,
                      const QVariantList *current)
{
    QList<ValidationErrorItem> items;
    collectFailures(instance, fields, run, items, current);
    if (!items.isEmpty())
        throwValidationError(std::move(items), run.record);
}

void validateValues(const ModelMeta &m, const QList<int> &fields, const QVariantList &values, bool validators)
{
    const std::shared_ptr<const ModelValidators::Snapshot> customs = customsOf(m, validators);
    const ValidationRun run{validators, false, -1};
    QList<ValidationErrorItem> items;
    for (int i = 0; i < fields.size(); ++i)
        checkField(m, fields.at(i), values.at(i), run, customs.get(), items);
    if (!items.isEmpty())
        throwValidationError(std::move(items));
}

void throwValidationError(QList<ValidationErrorItem> items, int record)
{
    QStringList messages;
    for (const ValidationErrorItem &i : items)
        messages.append(i.message);
    const QString joined = messages.join(QStringLiteral("; "));
    const QString text = record >= 0
                             ? QCoreApplication::translate("orm::Validation", "Validation failed (record %1): %2").arg(record).arg(joined)
                             : QCoreApplication::translate("orm::Validation", "Validation failed: %1").arg(joined);
    throw ValidationError(text, std::move(items));
}

} // namespace orm::detail
