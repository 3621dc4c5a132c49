// Fuzzes the where builder: random orm::Where trees (fields, operators, nesting, values of
// every type) compiled for SQLite, PostgreSQL and MariaDB by the WhereCompiler the ORM's
// SELECT, UPDATE and DELETE statements use. Invariants, for every dialect:
//   - no crash, no sanitizer report, and no exception other than orm::Error;
//   - every value is bound: no value's text ever appears in the SQL (each string carries a
//     marker, each number is one no SQL text contains), and the SQL has exactly one ?
//     per binding.
#include "query/WhereCompiler.h"
#include "meta/MetaReader.h"
#include "sql/Dialect.h"

#include <fuzzer/FuzzedDataProvider.h>
#include <orm/Errors.h>
#include <orm/Where.h>
#include <QCoreApplication>
#include <QJsonObject>
#include <QUuid>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

using namespace orm;
using namespace orm::detail;

const QString kMarker = QStringLiteral("qZx"); // in every generated string value
constexpr qint64 kNumberBase = 7'310'000'000'000LL; // every generated integer is above it

struct Fixture
{
    std::shared_ptr<ModelMeta> model;
    std::unique_ptr<Dialect> dialects[3];
    QStringList attributes;
};

Fixture &fixture()
{
    static Fixture f = [] {
        Fixture x;
        x.model = readJsonModel(QStringLiteral("Thing"),
                                QJsonObject{{"name", "STRING(40)"}, {"body", "TEXT"}, {"count", "INTEGER"}, {"big", "BIGINT"},
                                 {"ratio", "DOUBLE"}, {"price", "DECIMAL(10,2)"}, {"flag", "BOOLEAN"},
                                 {"day", "DATEONLY"}, {"at", "DATE"}, {"clock", "TIME"}, {"uid", "UUID"},
                                 {"doc", "JSON"}, {"bytes", "BLOB"}},
                                {{"paranoid", true}});
        x.dialects[0] = Dialect::forName(QStringLiteral("sqlite"));
        x.dialects[1] = Dialect::forName(QStringLiteral("postgres"));
        x.dialects[2] = Dialect::forName(QStringLiteral("mariadb"));
        for (const FieldMeta &fm : x.model->fields)
            x.attributes.append(fm.name);
        return x;
    }();
    return f;
}

[[noreturn]] void finding(const char *what, const QString &sql, const QVariantList &bindings)
{
    std::fprintf(stderr, "fuzz_where: %s\n  sql: %s\n  bindings: %d\n", what, qPrintable(sql), int(bindings.size()));
    std::abort();
}

class Generator
{
public:
    explicit Generator(FuzzedDataProvider &p) : m_p(p) {}

    QVariant value(int depth = 0)
    {
        switch (m_p.ConsumeIntegralInRange(0, 11)) {
        case 0: return QVariant();
        case 1: return kNumberBase + m_p.ConsumeIntegralInRange<qint64>(0, 1'000'000'000);
        case 2: return double(kNumberBase) + m_p.ConsumeIntegralInRange(0, 1'000'000) + 0.5;
        case 3: return m_p.ConsumeBool();
        case 4: return QDateTime::fromMSecsSinceEpoch(m_p.ConsumeIntegral<qint32>() * 1000LL, Qt::UTC);
        case 5: return QByteArray::fromStdString(m_p.ConsumeRandomLengthString(64)) + kMarker.toUtf8();
        case 6: return QUuid::createUuidV5(QUuid(), QByteArray::fromStdString(m_p.ConsumeRandomLengthString(16)));
        case 7:
            if (depth < 2) {
                QVariantList list;
                const int n = m_p.ConsumeIntegralInRange(0, 4);
                for (int i = 0; i < n; ++i)
                    list.append(value(depth + 1));
                return list;
            }
            [[fallthrough]];
        default:
            return string();
        }
    }

    QString string()
    {
        // Hostile text around the marker: quotes, placeholders, comments, NUL.
        static const char *const pieces[] = {"'", "\"", "`", "\\", ";", "--", "/*", "?", ":a", "$1", "%", "_", "\0", "😀", " OR 1=1"};
        QString s = QString::fromUtf8(QByteArray::fromStdString(m_p.ConsumeRandomLengthString(32)));
        const int n = m_p.ConsumeIntegralInRange(0, 4);
        for (int i = 0; i < n; ++i) {
            const size_t k = m_p.ConsumeIntegralInRange<size_t>(0, std::size(pieces) - 1);
            s += k == 12 ? QString(QChar(0)) : QString::fromUtf8(pieces[k]);
        }
        return s + kMarker;
    }

    Condition condition(int depth)
    {
        const int kind = m_p.ConsumeIntegralInRange(0, int(Condition::Not));
        switch (Condition::Kind(kind)) {
        case Condition::AllOf:
        case Condition::AnyOf: {
            QList<Condition> children;
            if (depth < 3) {
                const int n = m_p.ConsumeIntegralInRange(0, 3);
                for (int i = 0; i < n; ++i)
                    children.append(condition(depth + 1));
            }
            return {Condition::Kind(kind), {}, children};
        }
        case Condition::Not:
            return depth < 3 ? Condition(Condition::Not, {}, {condition(depth + 1)}) : Condition(Condition::Not);
        case Condition::Between:
        case Condition::NotBetween:
            if (m_p.ConsumeBool())
                return {Condition::Kind(kind), QVariantList{value(1), value(1)}};
            [[fallthrough]];
        default:
            return {Condition::Kind(kind), value()};
        }
    }

    Where where(int depth)
    {
        const int kind = depth >= 4 ? 0 : m_p.ConsumeIntegralInRange(0, 4);
        switch (kind) {
        case 1:
        case 2: {
            QList<Where> parts;
            const int n = m_p.ConsumeIntegralInRange(0, 4);
            for (int i = 0; i < n; ++i)
                parts.append(where(depth + 1));
            return kind == 1 ? Where::allOf(parts) : Where::anyOf(parts);
        }
        case 3: return Where::negate(where(depth + 1));
        case 4: return Where();
        default: {
            const QStringList &names = fixture().attributes;
            // Mostly real attributes; sometimes a made-up one (a QueryError, never SQL).
            const QString field = m_p.ConsumeIntegralInRange(0, 15) == 0
                                      ? QString::fromUtf8(QByteArray::fromStdString(m_p.ConsumeRandomLengthString(12)))
                                      : names.at(m_p.ConsumeIntegralInRange<int>(0, int(names.size()) - 1));
            return Where(field, Term(condition(0)));
        }
        }
    }

private:
    FuzzedDataProvider &m_p;
};

void checkBound(const QString &sql, const QVariantList &bindings)
{
    if (sql.contains(kMarker, Qt::CaseInsensitive))
        finding("a string value was spliced into the SQL", sql, bindings);
    if (sql.contains(QString::number(kNumberBase / 1'000'000)))
        finding("a number value was spliced into the SQL", sql, bindings);
    if (sql.contains(QChar(0)))
        finding("NUL in the SQL text", sql, bindings);
    if (sql.count(QLatin1Char('?')) != bindings.size())
        finding("placeholders and bindings differ in number", sql, bindings);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider p(data, size);
    Generator g(p);
    const Where w = g.where(0);
    const bool qualified = p.ConsumeBool();
    for (const auto &dialect : fixture().dialects) {
        QString sql;
        QVariantList bindings;
        try {
            WhereCompiler(*fixture().model, *dialect, qualified ? QStringLiteral("t0.") : QString()).compile(w, sql, bindings);
        } catch (const orm::Error &) {
            continue; // an unknown attribute, a malformed between, NUL for PostgreSQL text: typed errors
        }
        checkBound(sql, bindings);
    }
    return 0;
}
