// Validation, as Sequelize does it: built-in validators declared with the field, custom
// validators and model-wide validators added in code. Validation runs before every insert
// and update and reports every failure at once in a ValidationError (orm/Errors.h).
//
// ---- Declaring built-in validators --------------------------------------------------------
//
// In Q_CLASSINFO, among the field's other options (any order, several per field):
//
//   Q_CLASSINFO("email",    "allowNull=false unique isEmail notEmpty")
//   Q_CLASSINFO("age",      "min=0 max=120")
//   Q_CLASSINFO("username", "len=3,20 isAlphanumeric notEmpty msg:len='3 to 20 characters'")
//   Q_CLASSINFO("code",     "is=/^[a-z]{3}$/i not=^xxx")
//
// A token is `name` or `name=argument`:
//   isEmail isUrl isIPv4 isIPv6 isNumeric isInt isFloat isDecimal isLowercase isUppercase
//   isDate isCreditCard notEmpty          no argument (`=true` is the same; `=false` turns it off)
//   isIP  isIP=4  isIP=6                  any version, or one
//   isUUID  isUUID=4                      1 to 5, or all (the default)
//   isAlpha  isAlphanumeric=de-DE         a locale: en-US (default, and every en-*), de-DE,
//                                         fr-FR, es-ES, it-IT, pt-PT, pt-BR, nl-NL, sv-SE, ru-RU
//   len=3,20  len=3                       length in characters: min and max, or min only
//   min=0  max=120                        numbers; as in Sequelize, a value that is not a
//                                         number passes both (parseFloat gives NaN)
//   isIn=a,b,c  notIn=x,y                 a list split at commas; a JSON array keeps commas and
//                                         spaces in the values: isIn='["a, b","c d"]'
//   contains=foo notContains=bar equals=x the whole argument is one string
//   is=^[a-z]+$  not=...                  a regular expression (the value matches anywhere
//                                         unless anchored); an argument that starts with '/'
//                                         and has a second '/' is /pattern/flags, with flags
//                                         i, m, s (g and u are accepted and change nothing)
//   isAfter=2020-01-01  isBefore=...      a date: ISO 8601 (no offset means UTC), RFC 2822,
//                                         yyyy/MM/dd or MM/dd/yyyy; without one, now
//
// In the option string a quoted argument may hold spaces, and there a backslash escapes the
// next character: write a regex's \d as \\d inside quotes ("is='\\\\d+'" in C++ source), or
// leave the argument unquoted ("is=^\\d+$").
//
// A custom message for any of them, and for allowNull=false, is a `msg:` token:
//   msg:isEmail='Please give a real email'  msg:notNull='We need your email'
// The message text goes through QCoreApplication::translate("orm::Validation", text) when it
// is reported, so a translator can translate it like any other string; so do the default
// messages ("Validation %1 on %2 failed", "%1.%2 cannot be null", as Sequelize words them).
//
// In a JSON definition (Database::define(name, attributes)), "validate" holds them as
// Sequelize writes them:
//   "validate": {"isEmail": true, "len": [3, 20], "isIn": [["a", "b"]], "min": 0,
//                "is": ["^[a-z]+$", "i"], "notEmpty": {"msg": "Required"},
//                "max": {"args": 120, "msg": "Too old"}, "notNull": {"msg": "Required"}}
//
// Every token is parsed and every regular expression compiled once, when the model is
// defined; an unknown validator or a bad argument (len=abc, is=( ) is a DefinitionError
// naming the model and the field.
//
// ---- Custom validators --------------------------------------------------------------------
//
// A custom validator fails by throwing ValidatorFailure (any std::exception that is not an
// orm::Error counts too, with its what() as the message; an orm::Error, such as a failed
// query inside the validator, is not a validation failure and propagates):
//
//   User::validate("password", "isStrong", [](const QVariant &v) {
//       static const QRegularExpression strong("^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$");
//       if (!strong.match(v.toString()).hasMatch())
//           throw orm::ValidatorFailure("Password must have uppercase, lowercase, number, and be 8+ chars");
//   });
//   User::validateModel("bothCoordsOrNone", [](const orm::Instance &i) {
//       if (i.get("latitude").isNull() != i.get("longitude").isNull())
//           throw orm::ValidatorFailure("Either both latitude and longitude, or neither!");
//   });
//   db.model("Place").addValidator(...), db.model("Place").addModelValidator(...)  // run-time models
//
// They belong to the model as defined on its database: add them after define (a model
// defined again starts without them). Adding one under a name the field (or the model)
// already has replaces it.
//
// ---- What runs when (Sequelize's rules) ---------------------------------------------------
//
// - allowNull=false on a null value gives exactly one item, validator "notNull"; that
//   field's other validators do not run.
// - A null value skips the built-in validators; custom validators still run (and see it).
// - save() of a new instance / create(): every field, then the model-wide validators.
// - save() of a loaded instance / instance update(): only the changed fields, then the
//   model-wide validators (they see the whole instance).
// - Model::update (static): the given values; model-wide validators do not run (there is
//   no whole row to give them).
// - bulkCreate(..., {.validate = true}): every record; if any fails nothing is inserted and
//   each item's `record` is the index of its record. Without validate, notNull only.
// - {.validate = false} (save, create, update) skips the validators, not notNull.
// Items come field by field in declaration order, each field's built-in validators in
// declaration order then its custom ones, then the model-wide ones (field empty).
#pragma once

#include <orm/Errors.h>
#include <QVariant>
#include <functional>
#include <memory>

namespace orm {

class Instance;
namespace detail { struct CompiledValidator; }

// Thrown by a custom validator to say the value (or the instance) is not valid.
class QUARRY_EXPORT ValidatorFailure : public Error
{
public:
    using Error::Error;
};

// A custom validator of one attribute: throws ValidatorFailure to fail. It is given the
// value even when the value is null.
using FieldValidatorFunction = std::function<void(const QVariant &value)>;
// A model-wide validator: checks several attributes of the instance together.
using ModelValidatorFunction = std::function<void(const Instance &instance)>;

// The names of the built-in validators.
QUARRY_EXPORT QStringList builtinValidatorNames();

// One built-in validator compiled from its token, usable on its own (a form can check a
// value the way the model will):
//   orm::BuiltinValidator len("len=3,20");
//   len.accepts("ab") == false
class QUARRY_EXPORT BuiltinValidator
{
public:
    // Throws DefinitionError, prefixed with context when given, for an unknown validator or
    // a bad argument.
    explicit BuiltinValidator(const QString &token, const QString &context = {});

    // False for a validator turned off ("notEmpty=false"): it accepts everything.
    bool isEnabled() const { return d != nullptr; }
    QString name() const;
    QString token() const;
    // True when value passes. A null value passes (built-in validators skip null).
    bool accepts(const QVariant &value) const;
    // The message a failure of this validator on field reports, translated.
    QString message(const QString &field) const;

private:
    std::shared_ptr<const detail::CompiledValidator> d;
};

} // namespace orm
