// The public face of validation: BuiltinValidator, and the registration of custom
// validators on a model (ModelHandle::addValidator, addModelValidator).
#include "validate/Validators.h"

#include <orm/Errors.h>
#include <orm/ModelHandle.h>
#include <orm/Validation.h>
#include <QCoreApplication>

namespace orm {

BuiltinValidator::BuiltinValidator(const QString &token, const QString &context)
{
    if (std::optional<detail::CompiledValidator> v = detail::compileValidator(token, context))
        d = std::make_shared<const detail::CompiledValidator>(std::move(*v));
}

QString BuiltinValidator::name() const
{
    return d ? d->name : QString();
}

QString BuiltinValidator::token() const
{
    return d ? d->token : QString();
}

bool BuiltinValidator::accepts(const QVariant &value) const
{
    if (!d || isNullValue(value))
        return true;
    return d->test(value, detail::validatorText(value));
}

QString BuiltinValidator::message(const QString &field) const
{
    if (!d)
        return {};
    if (!d->message.isEmpty())
        return detail::translateValidation(d->message);
    return QCoreApplication::translate("orm::Validation", "Validation %1 on %2 failed").arg(d->name, field);
}

void ModelHandle::addValidator(const QString &attribute, const QString &name, FieldValidatorFunction fn) const
{
    if (!m_meta)
        throw DefinitionError(QStringLiteral("addValidator on an invalid model handle"));
    if (m_meta->indexOf(attribute) < 0)
        throw DefinitionError(QStringLiteral("%1 has no attribute '%2' (given to addValidator %3)").arg(m_meta->name, attribute, name));
    if (name.isEmpty() || !fn)
        throw DefinitionError(QStringLiteral("%1.%2: a custom validator needs a name and a function").arg(m_meta->name, attribute));
    if (!m_meta->customValidators)
        throw DefinitionError(QStringLiteral("%1 takes no custom validators").arg(m_meta->name));
    m_meta->customValidators->addField({attribute, name, std::move(fn)});
}

void ModelHandle::addModelValidator(const QString &name, ModelValidatorFunction fn) const
{
    if (!m_meta)
        throw DefinitionError(QStringLiteral("addModelValidator on an invalid model handle"));
    if (name.isEmpty() || !fn)
        throw DefinitionError(QStringLiteral("%1: a model validator needs a name and a function").arg(m_meta->name));
    if (!m_meta->customValidators)
        throw DefinitionError(QStringLiteral("%1 takes no custom validators").arg(m_meta->name));
    m_meta->customValidators->addModel({name, std::move(fn)});
}

} // namespace orm
