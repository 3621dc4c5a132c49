// The built-in validators (validator.js semantics, as Sequelize uses them), compiled from
// their tokens once per field when a model is defined, and the store of the validators an
// application adds in code. The token syntax is documented in orm/Validation.h.
#pragma once

#include <orm/ModelMeta.h>
#include <orm/Validation.h>
#include <QJsonObject>
#include <QMutex>

namespace orm::detail {

struct CompiledValidator
{
    QString name;    // "len"
    QString token;   // as declared: "len=3,20"
    QString message; // from msg:len, untranslated; empty: the default message
    // value is never null here; text is String(value), as validator.js is given it.
    std::function<bool(const QVariant &value, const QString &text)> test;
};

class FieldValidators
{
public:
    QList<CompiledValidator> builtins; // in declaration order
    QString notNullMessage;            // from msg:notNull; empty: the default
};

class ModelValidators
{
public:
    struct FieldCustom
    {
        QString field;
        QString name;
        FieldValidatorFunction fn;
    };
    struct ModelCustom
    {
        QString name;
        ModelValidatorFunction fn;
    };
    struct Snapshot
    {
        QList<FieldCustom> fields;
        QList<ModelCustom> model;
        bool isEmpty() const { return fields.isEmpty() && model.isEmpty(); }
    };

    // What is registered now; never null. Readers keep it while they run, so a validator
    // added meanwhile (copy on write) does not disturb them.
    std::shared_ptr<const Snapshot> snapshot() const;
    // A validator of the same name (on the same field) is replaced.
    void addField(FieldCustom custom);
    void addModel(ModelCustom custom);

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const Snapshot> m_snapshot = std::make_shared<Snapshot>();
};

bool isBuiltinValidator(const QString &name);

// One token compiled; nullopt for a validator turned off ("notEmpty=false"). Throws
// DefinitionError "context: ..." for an unknown name or a bad argument.
std::optional<CompiledValidator> compileValidator(const QString &token, const QString &context);

// Compiles every field's tokens into FieldMeta::compiledValidators (msg: tokens included)
// and gives the model its store of custom validators. Called once by ModelBuilder::finish.
void compileValidators(ModelMeta &meta);

// The tokens of a JSON "validate" object ({"len": [3, 20], "isEmail": {"msg": "..."}}).
QStringList validatorTokensFromJson(const QJsonValue &validate, const QString &context);

// String(value), as Sequelize hands values to validator.js.
QString validatorText(const QVariant &value);

// QCoreApplication::translate in the "orm::Validation" context.
QString translateValidation(const QString &text);

} // namespace orm::detail
