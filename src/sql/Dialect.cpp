#include "sql/Dialect.h"

#include "exec/Executor.h"
#include "sql/mysql/MysqlDialect.h"
#include "sql/postgres/PostgresDialect.h"
#include "sql/sqlite/SqliteDialect.h"

#include <orm/Errors.h>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUuid>

namespace orm::detail {

std::unique_ptr<Dialect> Dialect::forName(const QString &name)
{
    if (name == QLatin1String("sqlite"))
        return std::make_unique<SqliteDialect>();
    if (name == QLatin1String("postgres") || name == QLatin1String("postgresql"))
        return std::make_unique<PostgresDialect>();
    if (name == QLatin1String("mysql"))
        return std::make_unique<MysqlDialect>(false);
    if (name == QLatin1String("mariadb"))
        return std::make_unique<MysqlDialect>(true);
    throw ConnectionError(QStringLiteral("Unknown dialect '%1': use sqlite, postgres, mysql or mariadb").arg(name));
}

QStringList Dialect::beginStatements(std::optional<IsolationLevel> isolation) const
{
    if (isolation)
        throw Error(QStringLiteral("%1 has no isolation level Quarry can set (asked for %2)")
                        .arg(name(), isolationLevelName(*isolation)));
    return {beginStatement()};
}

QString Dialect::quote(const QString &identifier) const
{
    const QChar q = quoteChar();
    QString out;
    out.reserve(identifier.size() + 2);
    out += q;
    if (!identifier.contains(q)) {
        out += identifier; // the usual case: one copy, not a QChar at a time
    } else {
        for (QChar c : identifier) {
            if (c == q)
                out += q; // doubled quote: the identifier cannot break out
            out += c;
        }
    }
    out += q;
    return out;
}

QString Dialect::limitOffset(int limit, int offset) const
{
    QString s;
    if (limit >= 0)
        s += QStringLiteral(" LIMIT %1").arg(limit);
    if (offset > 0)
        s += QStringLiteral(" OFFSET %1").arg(offset);
    return s;
}

QString Dialect::orderTerm(const QString &column, SortOrder direction, NullsOrder nulls) const
{
    QString s = column + (direction == Desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
    if (nulls == NullsFirst)
        s += QStringLiteral(" NULLS FIRST");
    else if (nulls == NullsLast)
        s += QStringLiteral(" NULLS LAST");
    return s;
}

QString Dialect::caseInsensitiveLike(const QString &lhs, bool negate) const
{
    return QStringLiteral("LOWER(%1) %2LIKE LOWER(?)").arg(lhs, negate ? QStringLiteral("NOT ") : QString());
}

QString Dialect::upsertClause(const QStringList &conflictColumns, const QStringList &updateColumns,
                              bool ignoreDuplicates) const
{
    QStringList target;
    for (const QString &c : conflictColumns)
        target.append(quote(c));
    if (ignoreDuplicates || updateColumns.isEmpty())
        return QStringLiteral(" ON CONFLICT DO NOTHING");
    QStringList sets;
    for (const QString &c : updateColumns)
        sets.append(QStringLiteral("%1 = EXCLUDED.%1").arg(quote(c)));
    return QStringLiteral(" ON CONFLICT (%1) DO UPDATE SET %2").arg(target.join(QStringLiteral(", ")),
                                                                    sets.join(QStringLiteral(", ")));
}

namespace {
// toString("yyyy-MM-dd HH:mm:ss.zzz") of a UTC QDateTime, without the format parser (the
// hot path of every insert and update that writes a timestamp).
QString formatUtc(const QDateTime &utc)
{
    // The civil date straight from the instant (civil_from_days): cheaper than date()/time().
    const qint64 msecs = utc.toMSecsSinceEpoch();
    constexpr qint64 dayMs = 86400000;
    constexpr qint64 first = -62135596800000; // 0001-01-01T00:00:00.000Z
    constexpr qint64 last = 253402300799999;  // 9999-12-31T23:59:59.999Z
    if (msecs < first || msecs > last)
        return utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    const qint64 days = (msecs - first) / dayMs - 719162; // days since 1970-01-01, floored
    const int ms = int(msecs - days * dayMs);
    const qint64 z = days + 719468; // days since 0000-03-01
    const int era = int(z / 146097);
    const int doe = int(z - qint64(era) * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int day = doy - (153 * mp + 2) / 5 + 1;
    const int month = mp < 10 ? mp + 3 : mp - 9;
    const int year = yoe + era * 400 + (month <= 2 ? 1 : 0);

    QString out(23, Qt::Uninitialized);
    QChar *p = out.data();
    auto put = [p](int pos, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            p[pos + i] = QLatin1Char(char('0' + value % 10));
            value /= 10;
        }
    };
    put(0, year, 4);
    p[4] = QLatin1Char('-');
    put(5, month, 2);
    p[7] = QLatin1Char('-');
    put(8, day, 2);
    p[10] = QLatin1Char(' ');
    put(11, ms / 3600000, 2);
    p[13] = QLatin1Char(':');
    put(14, ms / 60000 % 60, 2);
    p[16] = QLatin1Char(':');
    put(17, ms / 1000 % 60, 2);
    p[19] = QLatin1Char('.');
    put(20, ms % 1000, 3);
    return out;
}
} // namespace

// Timestamps are stored as UTC wall-clock text with milliseconds on every dialect; the
// sessions run in UTC, so the database never shifts them.
QVariant Dialect::toDb(const FieldMeta &field, const QVariant &value) const
{
    // The common types are tested for null without isNullValue's copy of them.
    const int type = value.metaType().id();
    const bool null = value.isNull()
                      || (type == QMetaType::QString ? static_cast<const QString *>(value.constData())->isNull()
                          : type == QMetaType::QDateTime
                              ? static_cast<const QDateTime *>(value.constData())->isNull()
                              : type != QMetaType::LongLong && type != QMetaType::Int && type != QMetaType::Double
                                    && type != QMetaType::Bool && isNullValue(value));
    if (null)
        return QVariant();
    switch (field.type) {
    case FieldType::DateTime: {
        QDateTime dt = value.toDateTime();
        if (!dt.isValid())
            return value; // let the database reject what is not a date
        if (dt.timeSpec() != Qt::UTC)
            dt = dt.toUTC();
        return formatUtc(dt);
    }
    case FieldType::Date:
        return value.toDate().toString(Qt::ISODate);
    case FieldType::Time:
        return value.toTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case FieldType::Uuid:
        return value.toUuid().toString(QUuid::WithoutBraces);
    case FieldType::Json: {
        if (value.metaType() == QMetaType::fromType<QJsonObject>())
            return QString::fromUtf8(QJsonDocument(value.toJsonObject()).toJson(QJsonDocument::Compact));
        if (value.metaType() == QMetaType::fromType<QJsonArray>())
            return QString::fromUtf8(QJsonDocument(value.toJsonArray()).toJson(QJsonDocument::Compact));
        if (value.metaType() == QMetaType::fromType<QJsonDocument>())
            return QString::fromUtf8(value.toJsonDocument().toJson(QJsonDocument::Compact));
        return value.toString();
    }
    case FieldType::Enum: {
        if (value.metaType().id() == QMetaType::QString)
            return value;
        bool ok = false;
        const int v = value.toInt(&ok);
        const char *key = field.metaEnum.valueToKey(v);
        return key ? QVariant(QString::fromLatin1(key)) : QVariant();
    }
    case FieldType::Boolean:
        return value.toBool();
    case FieldType::Blob:
        return value.toByteArray();
    default:
        return value;
    }
}

namespace {
// The two ASCII digits at c as a number, or -1. The parser below reads fixed positions
// with it, unrolled: a loop over the fields cost ~300 instructions per timestamp.
inline int digits2(const char16_t *c)
{
    const unsigned a = unsigned(c[0]) - u'0', b = unsigned(c[1]) - u'0';
    return a < 10 && b < 10 ? int(a * 10 + b) : -1;
}

// The text Quarry writes, "yyyy-MM-dd HH:mm:ss[.zzz]" (also with 'T', or a trailing 'Z'),
// read without Qt's general parser, which goes through mktime(), into milliseconds since
// the epoch. Anything else (other fraction lengths, offsets, blanks) is left to parseUtc:
// false here means "not this form".
bool parseCanonicalUtc(QStringView s, qint64 *msecs)
{
    const qsizetype n = s.size() && s.back() == QLatin1Char('Z') ? s.size() - 1 : s.size();
    if (n != 19 && n != 23)
        return false;
    const char16_t *c = s.utf16();
    if (c[4] != u'-' || c[7] != u'-' || (c[10] != u' ' && c[10] != u'T') || c[13] != u':' || c[16] != u':'
        || (n == 23 && c[19] != u'.'))
        return false;
    const int y1 = digits2(c), y2 = digits2(c + 2), m = digits2(c + 5), d = digits2(c + 8), hh = digits2(c + 11),
              mm = digits2(c + 14), ss = digits2(c + 17);
    int ms = 0;
    if (n == 23) {
        const int m1 = digits2(c + 20);
        const unsigned m3 = unsigned(c[22]) - u'0';
        if (m1 < 0 || m3 > 9)
            return false;
        ms = m1 * 10 + int(m3);
    }
    if ((y1 | y2 | m | d | hh | mm | ss) < 0)
        return false;
    // Range checks as QDate/QTime make them; then the instant from the civil date directly
    // (days_from_civil), which is what QDateTime(QDate, QTime, Qt::UTC) ends up holding.
    const int y = y1 * 100 + y2;
    static constexpr int monthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > monthDays[m - 1] + (m == 2 && leap ? 1 : 0) || hh > 23 || mm > 59
        || ss > 59)
        return false;
    const int yy = m <= 2 ? y - 1 : y; // years from 0000-03-01, so that the leap day comes last
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const qint64 days = qint64(era) * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    *msecs = days * 86400000 + ((hh * 60 + mm) * 60 + ss) * qint64(1000) + ms;
    return true;
}

QDateTime parseUtc(const QString &s)
{
    QString t = s.trimmed();
    if (t.size() >= 19 && t.at(10) == QLatin1Char(' '))
        t[10] = QLatin1Char('T');
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODate);
    if (!dt.isValid())
        return {};
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // stored without zone: it is UTC by our convention
    return dt.toUTC();
}
} // namespace

QDateTime Dialect::decodeDateTime(const QDateTime &dt) const
{
    if (dt.timeSpec() == Qt::LocalTime)
        return QDateTime(dt.date(), dt.time(), Qt::UTC); // the driver's wall clock is UTC
    return dt.toUTC();
}

QVariant Dialect::fromDb(const FieldMeta &field, QVariant raw) const
{
    const QMetaType target = field.metaType;
    // The driver's common types are tested for null without isNullValue's copy of them.
    const int rawType = raw.metaType().id();
    const bool isText = rawType == QMetaType::QString;
    // is_null is what QVariant::isNull() tests first (an out-of-line call); the driver never
    // hands back pointer types, its other case.
    const bool null = rawType == QMetaType::UnknownType || raw.data_ptr().is_null
                      || (isText ? static_cast<const QString *>(raw.constData())->isNull()
                                 : rawType != QMetaType::LongLong && rawType != QMetaType::Int
                                       && rawType != QMetaType::Double && isNullValue(raw));
    if (null)
        return QVariant(target);
    switch (field.type) {
    case FieldType::DateTime: {
        if (isText) {
            const QString &text = *static_cast<const QString *>(raw.constData());
            qint64 msecs;
            if (parseCanonicalUtc(text, &msecs))
                return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
            return parseUtc(text);
        }
        if (rawType == QMetaType::QDateTime)
            return decodeDateTime(*static_cast<const QDateTime *>(raw.constData()));
        return parseUtc(raw.toString());
    }
    case FieldType::Date:
        if (rawType == QMetaType::QDate)
            return raw;
        return QDate::fromString(raw.toString().left(10), Qt::ISODate);
    case FieldType::Time:
        if (rawType == QMetaType::QTime)
            return raw;
        return QTime::fromString(raw.toString(), Qt::ISODateWithMs);
    case FieldType::Uuid:
        return QVariant(QUuid::fromString(raw.toString()));
    case FieldType::Json: {
        const QJsonDocument doc = QJsonDocument::fromJson(raw.toByteArray());
        if (target == QMetaType::fromType<QJsonArray>())
            return doc.array();
        if (target == QMetaType::fromType<QJsonDocument>())
            return QVariant::fromValue(doc);
        return doc.object();
    }
    case FieldType::Enum: {
        bool ok = false;
        const QByteArray key = raw.toString().toLatin1();
        int v = field.metaEnum.keyToValue(key.constData(), &ok);
        if (!ok)
            v = raw.toInt(&ok);
        QVariant out(QMetaType::fromType<int>(), &v);
        out.convert(target);
        return out;
    }
    case FieldType::Boolean:
        if (rawType == QMetaType::LongLong) // SQLite's and MariaDB's integers
            return *static_cast<const qlonglong *>(raw.constData()) != 0;
        return raw.toBool();
    default:
        break;
    }
    if (raw.metaType() != target)
        raw.convert(target);
    return raw;
}

QString Dialect::defaultClause(const FieldMeta &field) const
{
    if (field.defaultKind != FieldMeta::Default::Literal || isNullValue(field.defaultValue))
        return {};
    const QVariant v = toDb(field, field.defaultValue);
    switch (v.metaType().id()) {
    case QMetaType::Bool:
        return QStringLiteral(" DEFAULT ") + booleanLiteral(v.toBool());
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return QStringLiteral(" DEFAULT ") + v.toString();
    default:
        break;
    }
    if (field.type == FieldType::Text || field.type == FieldType::Blob || field.type == FieldType::Json)
        return {}; // MySQL refuses literal defaults on TEXT/BLOB; the ORM applies them
    QString s = v.toString();
    s.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QStringLiteral(" DEFAULT '%1'").arg(s);
}

QString Dialect::dropTableStatement(const QString &table) const
{
    return QStringLiteral("DROP TABLE IF EXISTS %1").arg(quote(table));
}

QString Dialect::createIndexStatement(const QString &table, const IndexMeta &index) const
{
    QStringList cols;
    for (const QString &c : index.columns)
        cols.append(quote(c));
    return QStringLiteral("CREATE %1INDEX %2 ON %3 (%4)")
        .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), quote(index.name), quote(table),
             cols.join(QStringLiteral(", ")));
}

QString Dialect::dropIndexStatement(const QString &, const QString &index) const
{
    return QStringLiteral("DROP INDEX %1").arg(quote(index));
}

QString Dialect::columnDefinition(const FieldMeta &field, bool inlinePrimaryKey) const
{
    if (field.autoIncrement && inlinePrimaryKey)
        return quote(field.column) + QLatin1Char(' ') + autoIncrementColumn(field);
    QString def = quote(field.column) + QLatin1Char(' ') + columnType(field);
    if (!field.allowNull || field.primaryKey)
        def += QStringLiteral(" NOT NULL");
    def += defaultClause(field);
    if (field.primaryKey && inlinePrimaryKey)
        def += QStringLiteral(" PRIMARY KEY");
    return def;
}

QString Dialect::referencesClause(const FieldMeta::Reference &r) const
{
    QString s = QStringLiteral(" REFERENCES %1 (%2)").arg(quote(r.table), quote(r.column));
    if (!r.onDelete.isEmpty())
        s += QStringLiteral(" ON DELETE ") + r.onDelete;
    if (!r.onUpdate.isEmpty())
        s += QStringLiteral(" ON UPDATE ") + r.onUpdate;
    return s;
}

QString Dialect::defaultText(const FieldMeta &field) const
{
    QString c = defaultClause(field);
    if (c.isEmpty())
        return {};
    c = c.mid(QStringLiteral(" DEFAULT ").size());
    if (c.size() >= 2 && c.startsWith(QLatin1Char('\'')) && c.endsWith(QLatin1Char('\'')))
        c = c.mid(1, c.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
    return c;
}

QString Dialect::createTableStatement(const ModelMeta &model, const QString &tableName,
                                      const QStringList &extraColumns, const QStringList &deferredTables) const
{
    QStringList parts;
    const bool singlePk = model.primaryKey.size() == 1;
    for (const FieldMeta &f : model.fields)
        parts.append(columnDefinition(f, singlePk && f.primaryKey));
    // Kept columns (and the table constraints kept with them, which follow them) before
    // any table constraint of the model: SQLite wants every column first.
    parts += extraColumns;
    if (!singlePk && !model.primaryKey.isEmpty()) {
        QStringList cols;
        for (int i : model.primaryKey)
            cols.append(quote(model.fields.at(i).column));
        parts.append(QStringLiteral("PRIMARY KEY (%1)").arg(cols.join(QStringLiteral(", "))));
    }
    // Table-level FOREIGN KEY clauses: MySQL ignores REFERENCES written on a column.
    for (const FieldMeta &f : model.fields)
        if (f.references && !f.references->table.isEmpty() && !deferredTables.contains(f.references->table))
            parts.append(QStringLiteral("FOREIGN KEY (%1)%2").arg(quote(f.column), referencesClause(*f.references)));
    return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2)%3")
        .arg(quote(tableName), parts.join(QStringLiteral(", ")), tableOptions());
}

} // namespace orm::detail
