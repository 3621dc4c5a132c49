// Runs the validators of a model before a write: notNull, the compiled built-in validators,
// the custom ones and the model-wide ones, collecting every failure (orm/Validation.h has
// the rules). Called by the operations (ops/) before any statement is sent.
#pragma once

#include <orm/Errors.h>
#include <orm/Instance.h>

namespace orm::detail {

struct ValidationRun
{
    bool validators = true; // false: notNull only ({.validate = false})
    bool modelWide = true;  // the model-wide validators too
    int record = -1;        // bulkCreate: the record's index, put in each item
};

// Appends the failures of the given fields of instance to out. current, when given, holds
// the instance's values by field index (at least those of fields), already read.
void collectFailures(const Instance &instance, const QList<int> &fields, const ValidationRun &run,
                     QList<ValidationErrorItem> &out, const QVariantList *current = nullptr);
// The same, throwing a ValidationError when anything failed.
void validateInstance(const Instance &instance, const QList<int> &fields, const ValidationRun &run,
                      const QVariantList *current = nullptr);
// Static update: values[i] is the value given for fields[i]. Field validators only.
void validateValues(const ModelMeta &meta, const QList<int> &fields, const QVariantList &values, bool validators);

// "Validation failed: <messages>" (translated) with the items.
[[noreturn]] void throwValidationError(QList<ValidationErrorItem> items, int record = -1);

} // namespace orm::detail
