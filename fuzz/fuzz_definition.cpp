// Fuzzes the model definition readers with arbitrary input: run-time models from JSON (what
// db.define(name, attributes, options) reads) and Q_CLASSINFO option strings (the option
// parser plus the field and model options the class reader applies). Every input must end in
// a model or in an orm::Error; anything else (a crash, a sanitizer report, another exception)
// is a finding. A model that is accepted must have identifiers that are safe to quote.
#include "meta/MetaReader.h"
#include "meta/ModelBuilder.h"
#include "meta/OptionParser.h"

#include <orm/Errors.h>
#include <orm/ModelMeta.h>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using namespace orm;
using namespace orm::detail;

[[noreturn]] void finding(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_definition: %s: %s\n", what, qPrintable(detail));
    std::abort();
}

// Quoting is only safe for names without quote characters, NUL or statement separators.
void checkIdentifier(const QString &name, const char *what)
{
    if (name.isEmpty() || name.size() > 64)
        finding(what, QStringLiteral("bad length: '%1'").arg(name));
    for (QChar c : name)
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('\'') || c == QLatin1Char(';')
            || c == QChar(0) || c == QLatin1Char('\\') || c.isSpace())
            finding(what, QStringLiteral("unsafe character in '%1'").arg(name));
}

void checkModel(const ModelMeta &m)
{
    checkIdentifier(m.name, "model name");
    checkIdentifier(m.tableName, "table name");
    for (const FieldMeta &f : m.fields) {
        checkIdentifier(f.name, "attribute name");
        checkIdentifier(f.column, "column name");
    }
    for (const IndexMeta &ix : m.indexes) {
        checkIdentifier(ix.name, "index name");
        for (const QString &c : ix.columns)
            checkIdentifier(c, "index column");
    }
    if (m.primaryKey.isEmpty())
        finding("model", QStringLiteral("%1 has no primary key").arg(m.name));
}

// {"name": ..., "attributes": {...} or [...], "options": {...}}, a bare attributes object,
// or a bare attributes array (the ordered form: objects with a "name", or names).
void fuzzJson(const QByteArray &bytes)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    try {
        if (doc.isArray()) {
            checkModel(*readJsonModel(QStringLiteral("Fuzz"), doc.array(), QJsonObject()));
            return;
        }
        if (!doc.isObject())
            return;
        const QJsonObject o = doc.object();
        const bool wrapped = o.contains(QStringLiteral("attributes"));
        const QString name = wrapped ? o.value(QStringLiteral("name")).toString() : QStringLiteral("Fuzz");
        const QJsonObject options = o.value(QStringLiteral("options")).toObject();
        const QJsonValue attributes = wrapped ? o.value(QStringLiteral("attributes")) : QJsonValue(o);
        if (attributes.isArray())
            checkModel(*readJsonModel(name, attributes.toArray(), options));
        else
            checkModel(*readJsonModel(name, attributes.toObject(), options));
    } catch (const orm::Error &) {
    }
}

// "field-options|model-options": parsed and applied as the Q_CLASSINFO reader does.
void fuzzClassInfo(const QString &text)
{
    const qsizetype bar = text.indexOf(QLatin1Char('|'));
    const QString fieldText = bar < 0 ? text : text.left(bar);
    const QString modelText = bar < 0 ? QString() : text.mid(bar + 1);
    try {
        const QList<Option> fieldOptions = parseOptions(fieldText, QStringLiteral("Fuzz.value"));
        for (const Option &opt : fieldOptions)
            if (opt.key.isEmpty())
                finding("parseOptions", QStringLiteral("empty key from '%1'").arg(fieldText));
        const QList<Option> modelOptions = parseOptions(modelText, QStringLiteral("Fuzz"));
        ModelBuilder b(QStringLiteral("Fuzz"));
        for (const Option &opt : modelOptions)
            b.applyModelOption(opt.key, opt.value, opt.hasValue);
        FieldMeta f;
        f.name = QStringLiteral("value");
        f.propertyName = "value";
        f.storage = FieldMeta::Storage::Dynamic;
        f.metaType = QMetaType::fromType<QString>();
        b.addField(f);
        FieldMeta &field = *b.field(QStringLiteral("value"));
        // Type options first, as the class reader does (MetaReader.cpp: a default's meaning
        // depends on the type).
        auto isTypeOption = [](const Option &o) {
            return o.key == QLatin1String("type") || (!o.hasValue && !o.key.isEmpty() && o.key.at(0).isUpper());
        };
        for (const Option &opt : fieldOptions)
            if (isTypeOption(opt))
                b.applyFieldOption(field, opt.key, opt.value, opt.hasValue);
        for (const Option &opt : fieldOptions)
            if (!isTypeOption(opt))
                b.applyFieldOption(field, opt.key, opt.value, opt.hasValue);
        checkModel(*b.finish());
    } catch (const orm::Error &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // translations and metatypes want one
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 64 * 1024)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    if (data[0] & 1)
        fuzzClassInfo(QString::fromUtf8(bytes));
    else
        fuzzJson(bytes);
    return 0;
}
