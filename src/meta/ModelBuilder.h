// Turns declared fields and options into a finished ModelMeta: applies each option
// (rejecting unknown ones), resolves table and column names, adds the implicit id and the
// timestamps, names the indexes and assigns storage. Shared by the Q_PROPERTY reader and
// the JSON reader, so both kinds of model come out identical.
#pragma once

#include <orm/ModelMeta.h>
#include <memory>

namespace orm::detail {

class ModelBuilder
{
public:
    explicit ModelBuilder(QString modelName);

    // Throws DefinitionError naming the model and the field.
    void applyFieldOption(FieldMeta &field, const QString &key, const QVariant &value, bool hasValue);
    void applyModelOption(const QString &key, const QVariant &value, bool hasValue);
    // "STRING(100)", "TEXT", "DECIMAL(10,2)", "DATE", ... for the field; checks that the
    // C++ type can hold it.
    void applyType(FieldMeta &field, const QString &typeName);

    void addField(FieldMeta field);
    FieldMeta *field(const QString &name);
    ModelMeta &meta() { return *m_meta; }

    std::shared_ptr<ModelMeta> finish();

    static bool isValidIdentifier(const QString &name);
    static bool isValidatorName(const QString &name);

private:
    [[noreturn]] void fail(const QString &field, const QString &what) const;
    QVariant parseDefault(const FieldMeta &field, const QVariant &value) const;

    std::shared_ptr<ModelMeta> m_meta;
    QHash<QString, QString> m_explicitColumns; // attribute -> column given by `field`
    QHash<QString, QString> m_indexNames;      // attribute -> index name (true: generated)
};

// The field type a C++ type maps to; false when it cannot be mapped.
bool fieldTypeFor(QMetaType type, FieldType *out);

} // namespace orm::detail
