// Models from metadata: the Q_CLASSINFO field and model options, MEMBER and READ/WRITE
// properties, the Qt type mapping, the implicit id, every DefinitionError, and run-time
// models from JSON producing the same ModelMeta (and the same tables) as the equivalent
// class. The schema and the constraints are checked in each database with raw SQL.
#include "SchemaProbe.h"
#include "SeedModels.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPoint>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <functional>

using namespace quarry::test;

// ---------------------------------------------------------------------------------------
// Well-formed models

// Every field option once.
class Gadget : public orm::Model<Gadget>
{
    Q_OBJECT
    Q_PROPERTY(qint64 code MEMBER code)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString first READ first WRITE setFirst)
    Q_PROPERTY(QString last MEMBER last)
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(int rank MEMBER rank)
    Q_PROPERTY(QDateTime seenAt MEMBER seenAt)
    Q_PROPERTY(QUuid token MEMBER token)
    Q_PROPERTY(QString sku MEMBER sku)
    Q_PROPERTY(QString body MEMBER body)
    Q_PROPERTY(QString price MEMBER price)
    Q_PROPERTY(QString note MEMBER note)
    Q_CLASSINFO("code", "primaryKey autoIncrement comment='the key'")
    Q_CLASSINFO("name", "allowNull=false unique comment='unique name'")
    Q_CLASSINFO("first", "unique=fullName")
    Q_CLASSINFO("last", "unique=fullName")
    Q_CLASSINFO("status", "STRING(20) defaultValue=active allowNull=false")
    Q_CLASSINFO("rank", "defaultValue=7")
    Q_CLASSINFO("seenAt", "defaultValue=NOW")
    Q_CLASSINFO("token", "defaultValue=UUIDV4")
    Q_CLASSINFO("sku", "field=stock_code index")
    Q_CLASSINFO("body", "TEXT")
    Q_CLASSINFO("price", "DECIMAL(8,3)")
    Q_CLASSINFO("note", "type=STRING(100) comment=\"free text, for people's notes \\\\ more\"")
    Q_CLASSINFO("orm:options", "comment='things we sell'")
public:
    using Model::Model;
    QString first() const { return m_first; }
    void setFirst(const QString &v) { m_first = v; }
    qint64 code = 0;
    QString name, last, status;
    int rank = 0;
    QDateTime seenAt;
    QUuid token;
    QString sku, body, price, note;

private:
    QString m_first;
};

// The same model as a run-time definition (sequelize.define).
static QJsonObject gadgetAttributes()
{
    return {
        {"code", QJsonObject{{"type", "BIGINT"}, {"primaryKey", true}, {"autoIncrement", true}, {"comment", "the key"}}},
        {"name", QJsonObject{{"type", "STRING"}, {"allowNull", false}, {"unique", true}, {"comment", "unique name"}}},
        {"first", QJsonObject{{"type", "STRING"}, {"unique", "fullName"}}},
        {"last", QJsonObject{{"type", "STRING"}, {"unique", "fullName"}}},
        {"status", QJsonObject{{"type", "STRING(20)"}, {"defaultValue", "active"}, {"allowNull", false}}},
        {"rank", QJsonObject{{"type", "INTEGER"}, {"defaultValue", 7}}},
        {"seenAt", QJsonObject{{"type", "DATE"}, {"defaultValue", "NOW"}}},
        {"token", QJsonObject{{"type", "UUID"}, {"defaultValue", "UUIDV4"}}},
        {"sku", QJsonObject{{"type", "STRING"}, {"field", "stock_code"}, {"index", true}}},
        {"body", "TEXT"},
        {"price", "DECIMAL(8,3)"},
        {"note", QJsonObject{{"type", "STRING(100)"}, {"comment", "free text, for people's notes \\ more"}}},
    };
}

// The Qt types and the column types they map to.
class Typed : public orm::Model<Typed>
{
    Q_OBJECT
public:
    enum Mood { Calm, Happy, Grumpy };
    Q_ENUM(Mood)
private:
    Q_PROPERTY(bool flag MEMBER flag)
    Q_PROPERTY(int number MEMBER number)
    Q_PROPERTY(qint64 big MEMBER big)
    Q_PROPERTY(double real MEMBER real)
    Q_PROPERTY(QString text MEMBER text)
    Q_PROPERTY(QByteArray blob MEMBER blob)
    Q_PROPERTY(QDate day MEMBER day)
    Q_PROPERTY(QTime time MEMBER time)
    Q_PROPERTY(QDateTime moment MEMBER moment)
    Q_PROPERTY(QUuid uuid MEMBER uuid)
    Q_PROPERTY(QJsonObject object MEMBER object)
    Q_PROPERTY(QJsonArray array MEMBER array)
    Q_PROPERTY(Mood mood MEMBER mood)
    Q_CLASSINFO("mood", "defaultValue=Happy")
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    using Model::Model;
    bool flag = false;
    int number = 0;
    qint64 big = 0;
    double real = 0;
    QString text;
    QByteArray blob;
    QDate day;
    QTime time;
    QDateTime moment;
    QUuid uuid;
    QJsonObject object;
    QJsonArray array;
    Mood mood = Calm;
};

// Integer widths: every value of the C++ type must fit its column.
class Widths : public orm::Model<Widths>
{
    Q_OBJECT
    Q_PROPERTY(short small MEMBER small)
    Q_PROPERTY(int normal MEMBER normal)
    Q_PROPERTY(uint unsignedInt MEMBER unsignedInt)
    Q_PROPERTY(qint64 big MEMBER big)
    Q_PROPERTY(float single MEMBER single)
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    using Model::Model;
    short small = 0;
    int normal = 0;
    uint unsignedInt = 0;
    qint64 big = 0;
    float single = 0;
};

// Constraints that the database itself must enforce.
class Account : public orm::Model<Account>
{
    Q_OBJECT
    Q_PROPERTY(QString email MEMBER email)
    Q_PROPERTY(QString first MEMBER first)
    Q_PROPERTY(QString last MEMBER last)
    Q_PROPERTY(QString handle MEMBER handle)
    Q_PROPERTY(int rank MEMBER rank)
    Q_PROPERTY(QString status MEMBER status)
    Q_CLASSINFO("email", "allowNull=false unique")
    Q_CLASSINFO("first", "unique=fullName")
    Q_CLASSINFO("last", "unique=fullName")
    Q_CLASSINFO("handle", "STRING(100)")
    Q_CLASSINFO("rank", "allowNull=false defaultValue=7")
    Q_CLASSINFO("status", "STRING(20) defaultValue='on hold'")
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    using Model::Model;
    QString email, first, last, handle, status;
    int rank = 0;
};

// Primary keys: implicit, an undeclared `id`, a natural key.
class NoKey : public orm::Model<NoKey>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
public:
    using Model::Model;
    QString label;
};

class OwnId : public orm::Model<OwnId>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString label MEMBER label)
public:
    using Model::Model;
    qint64 id = 0;
    QString label;
};

class NaturalKey : public orm::Model<NaturalKey>
{
    Q_OBJECT
    Q_PROPERTY(QString code MEMBER code)
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("code", "primaryKey STRING(12)")
public:
    using Model::Model;
    QString code, label;
};

// Model options.
class Stampless : public orm::Model<Stampless>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    using Model::Model;
    QString label;
};

class SoftThing : public orm::Model<SoftThing>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "paranoid")
public:
    using Model::Model;
    QString label;
};

class Renamed : public orm::Model<Renamed>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "paranoid createdAt=bornAt updatedAt=false deletedAt=goneAt")
public:
    using Model::Model;
    QString label;
};

class NoCreated : public orm::Model<NoCreated>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "createdAt=false")
public:
    using Model::Model;
    QString label;
};

class OwnStamp : public orm::Model<OwnStamp>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_PROPERTY(QDateTime createdAt MEMBER createdAt)
public:
    using Model::Model;
    QString label;
    QDateTime createdAt;
};

class Options : public orm::Model<Options>
{
    Q_OBJECT
    Q_PROPERTY(QString firstName MEMBER firstName)
    Q_CLASSINFO("orm:options", "tableName=opt_table underscored freezeTableName paranoid")
public:
    using Model::Model;
    QString firstName;
};

// ---------------------------------------------------------------------------------------
// Broken models: each one is a DefinitionError naming the class and the property.

class MisspelledOption : public orm::Model<MisspelledOption>
{
    Q_OBJECT
    Q_PROPERTY(QString nickName MEMBER nickName)
    Q_CLASSINFO("nickName", "alowNull=false")
public:
    using Model::Model;
    QString nickName;
};

class BadFlagValue : public orm::Model<BadFlagValue>
{
    Q_OBJECT
    Q_PROPERTY(QString nickName MEMBER nickName)
    Q_CLASSINFO("nickName", "allowNull=maybe")
public:
    using Model::Model;
    QString nickName;
};

class InfoWithoutProperty : public orm::Model<InfoWithoutProperty>
{
    Q_OBJECT
    Q_PROPERTY(QString email MEMBER email)
    Q_CLASSINFO("emial", "unique")
public:
    using Model::Model;
    QString email;
};

class PointHolder : public orm::Model<PointHolder>
{
    Q_OBJECT
    Q_PROPERTY(QPoint where MEMBER where)
public:
    using Model::Model;
    QPoint where;
};

class MapHolder : public orm::Model<MapHolder>
{
    Q_OBJECT
    Q_PROPERTY(QVariantMap extras MEMBER extras)
public:
    using Model::Model;
    QVariantMap extras;
};

class IntAsString : public orm::Model<IntAsString>
{
    Q_OBJECT
    Q_PROPERTY(int counter MEMBER counter)
    Q_CLASSINFO("counter", "STRING(10)")
public:
    using Model::Model;
    int counter = 0;
};

class DateAsText : public orm::Model<DateAsText>
{
    Q_OBJECT
    Q_PROPERTY(QDate bornOn MEMBER bornOn)
    Q_CLASSINFO("bornOn", "TEXT")
public:
    using Model::Model;
    QDate bornOn;
};

class BoolAsDecimal : public orm::Model<BoolAsDecimal>
{
    Q_OBJECT
    Q_PROPERTY(bool active MEMBER active)
    Q_CLASSINFO("active", "type=DECIMAL(5,2)")
public:
    using Model::Model;
    bool active = false;
};

class StringAsInteger : public orm::Model<StringAsInteger>
{
    Q_OBJECT
    Q_PROPERTY(QString amount MEMBER amount)
    Q_CLASSINFO("amount", "INTEGER")
public:
    using Model::Model;
    QString amount;
};

class MisspelledType : public orm::Model<MisspelledType>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("title", "STRNG(10)")
public:
    using Model::Model;
    QString title;
};

class ZeroLength : public orm::Model<ZeroLength>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("title", "STRING(0)")
public:
    using Model::Model;
    QString title;
};

class BadDecimal : public orm::Model<BadDecimal>
{
    Q_OBJECT
    Q_PROPERTY(QString amount MEMBER amount)
    Q_CLASSINFO("amount", "DECIMAL(3,5)")
public:
    using Model::Model;
    QString amount;
};

class ParanoidNoStamps : public orm::Model<ParanoidNoStamps>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "paranoid timestamps=false")
public:
    using Model::Model;
    QString label;
};

class MisspelledModelOption : public orm::Model<MisspelledModelOption>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "freezeTablename")
public:
    using Model::Model;
    QString label;
};

class HostileTable : public orm::Model<HostileTable>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "tableName='users; DROP TABLE users'")
public:
    using Model::Model;
    QString label;
};

class HostileColumn : public orm::Model<HostileColumn>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("title", "field='ti\"tle'")
public:
    using Model::Model;
    QString title;
};

class HostileGroup : public orm::Model<HostileGroup>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("title", "unique='a;b'")
public:
    using Model::Model;
    QString title;
};

class HostileIndex : public orm::Model<HostileIndex>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("title", "index='x\"y'")
public:
    using Model::Model;
    QString title;
};

class HostileTimestamp : public orm::Model<HostileTimestamp>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("orm:options", "createdAt='made at'")
public:
    using Model::Model;
    QString title;
};

class UnknownClassInfo : public orm::Model<UnknownClassInfo>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("orm:optoins", "timestamps=false")
public:
    using Model::Model;
    QString title;
};

class ReadOnlyProp : public orm::Model<ReadOnlyProp>
{
    Q_OBJECT
    Q_PROPERTY(QString label READ label)
public:
    using Model::Model;
    QString label() const { return {}; }
};

class NowOnInteger : public orm::Model<NowOnInteger>
{
    Q_OBJECT
    Q_PROPERTY(int counter MEMBER counter)
    Q_CLASSINFO("counter", "defaultValue=NOW")
public:
    using Model::Model;
    int counter = 0;
};

class BadIntDefault : public orm::Model<BadIntDefault>
{
    Q_OBJECT
    Q_PROPERTY(int counter MEMBER counter)
    Q_CLASSINFO("counter", "defaultValue=abc")
public:
    using Model::Model;
    int counter = 0;
};

class BadEnumDefault : public orm::Model<BadEnumDefault>
{
    Q_OBJECT
public:
    enum Level { Low, High };
    Q_ENUM(Level)
private:
    Q_PROPERTY(Level level MEMBER level)
    Q_CLASSINFO("level", "defaultValue=Medium")
public:
    using Model::Model;
    Level level = Low;
};

class StringTimestamp : public orm::Model<StringTimestamp>
{
    Q_OBJECT
    Q_PROPERTY(QString updatedAt MEMBER updatedAt)
public:
    using Model::Model;
    QString updatedAt;
};

class AutoIncrementString : public orm::Model<AutoIncrementString>
{
    Q_OBJECT
    Q_PROPERTY(QString code MEMBER code)
    Q_CLASSINFO("code", "primaryKey autoIncrement")
public:
    using Model::Model;
    QString code;
};

class SameColumnTwice : public orm::Model<SameColumnTwice>
{
    Q_OBJECT
    Q_PROPERTY(QString alpha MEMBER alpha)
    Q_PROPERTY(QString beta MEMBER beta)
    Q_CLASSINFO("beta", "field=alpha")
public:
    using Model::Model;
    QString alpha, beta;
};

class UnterminatedQuote : public orm::Model<UnterminatedQuote>
{
    Q_OBJECT
    Q_PROPERTY(QString remark MEMBER remark)
    Q_CLASSINFO("remark", "comment='no end")
public:
    using Model::Model;
    QString remark;
};

namespace {

template <class T>
QString definitionError(orm::Database &db)
{
    try {
        db.define<T>();
    } catch (const orm::DefinitionError &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QStringLiteral("WRONG EXCEPTION TYPE: ") + QString::fromUtf8(e.what());
    }
    return QStringLiteral("NO ERROR");
}

QString jsonDefinitionError(orm::Database &db, const QString &name, const QJsonObject &attributes,
                            const QJsonObject &options = {})
{
    try {
        db.define(name, attributes, options);
    } catch (const orm::DefinitionError &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QStringLiteral("WRONG EXCEPTION TYPE: ") + QString::fromUtf8(e.what());
    }
    return QStringLiteral("NO ERROR");
}

QJsonObject attr(const QString &type, const QJsonObject &extra = {})
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("type"), type);
    return o;
}

struct ErrorCase
{
    QString model;
    std::function<QString()> define;
    QStringList mustMention; // besides the model's name
};

// Columns as name -> (type, notNull, primaryKey, default), to compare two tables.
QMap<QString, QString> columnSignature(const orm::Database &db, const QString &table)
{
    QMap<QString, QString> out;
    for (const ProbeColumn &c : probeColumns(db, table))
        out.insert(c.name, QStringLiteral("%1|%2|%3|%4").arg(c.type).arg(c.notNull).arg(c.primaryKey).arg(c.defaultValue.toString()));
    return out;
}

QStringList indexSignature(const orm::Database &db, const QString &table)
{
    QStringList out;
    for (const ProbeIndex &ix : probeIndexes(db, table))
        out.append(QStringLiteral("%1|%2|%3|%4").arg(ix.name, ix.columns.join(QLatin1Char(','))).arg(ix.unique).arg(ix.primary));
    out.sort();
    return out;
}

} // namespace

class TestMetadata : public QObject
{
    Q_OBJECT

    orm::Database mem; // metadata-only checks need no server

    // Everything the engine reads from a field, except where the value is kept.
    static void compareField(const orm::FieldMeta &a, const orm::FieldMeta &b)
    {
        const QByteArray where = a.name.toUtf8();
        QVERIFY2(a.name == b.name, where);
        QVERIFY2(a.column == b.column, where);
        QVERIFY2(a.type == b.type, where);
        if (a.type == orm::FieldType::String) {
            QVERIFY2(a.length == b.length, where);
        }
        if (a.type == orm::FieldType::Decimal) {
            QVERIFY2(a.precision == b.precision && a.scale == b.scale, where);
        }
        QVERIFY2(a.primaryKey == b.primaryKey, where);
        QVERIFY2(a.autoIncrement == b.autoIncrement, where);
        QVERIFY2(a.allowNull == b.allowNull, where);
        QVERIFY2(a.unique == b.unique, where);
        QVERIFY2(a.uniqueGroup == b.uniqueGroup, where);
        QVERIFY2(a.index == b.index, where);
        QVERIFY2(a.defaultKind == b.defaultKind, where);
        QVERIFY2(a.defaultValue == b.defaultValue,
                 where + ": " + a.defaultValue.toString().toUtf8() + " vs " + b.defaultValue.toString().toUtf8());
        QVERIFY2(a.comment == b.comment, where);
        QVERIFY2(a.role == b.role, where);
        QVERIFY2(a.implicit == b.implicit, where);
        QVERIFY2(a.metaType == b.metaType, where + ": " + a.metaType.name() + " vs " + b.metaType.name());
    }

private slots:
    void initTestCase() { mem = orm::Database::open(QStringLiteral("sqlite::memory:")); }

    // --- field options in ModelMeta ------------------------------------------------------

    void fieldOptions()
    {
        mem.define<Gadget>();
        const orm::ModelMeta &m = Gadget::modelMeta();
        QCOMPARE(m.name, QStringLiteral("Gadget"));
        QCOMPARE(m.tableName, QStringLiteral("Gadgets"));
        QCOMPARE(m.options.comment, QStringLiteral("things we sell"));
        // Declared primary key: no implicit id.
        QCOMPARE(m.indexOf("id"), -1);
        QCOMPARE(m.primaryKey.size(), 1);
        const orm::FieldMeta &code = m.primaryKeyField();
        QCOMPARE(code.name, QStringLiteral("code"));
        QVERIFY(code.primaryKey);
        QVERIFY(code.autoIncrement);
        QVERIFY(!code.allowNull);
        QCOMPARE(code.type, orm::FieldType::BigInt);

        const orm::FieldMeta *name = m.field("name");
        QVERIFY(name);
        QVERIFY(!name->allowNull);
        QVERIFY(name->unique);
        QVERIFY(name->uniqueGroup.isEmpty());
        QCOMPARE(name->type, orm::FieldType::String);
        QCOMPARE(name->length, 255);

        QCOMPARE(m.field("first")->uniqueGroup, QStringLiteral("fullName"));
        QCOMPARE(m.field("last")->uniqueGroup, QStringLiteral("fullName"));
        QVERIFY(m.field("first")->allowNull);

        const orm::FieldMeta *status = m.field("status");
        QCOMPARE(status->length, 20);
        QCOMPARE(status->defaultKind, orm::FieldMeta::Default::Literal);
        QCOMPARE(status->defaultValue, QVariant(QStringLiteral("active")));
        QVERIFY(!status->allowNull);

        const orm::FieldMeta *rank = m.field("rank");
        QCOMPARE(rank->type, orm::FieldType::Integer);
        QCOMPARE(rank->defaultKind, orm::FieldMeta::Default::Literal);
        QCOMPARE(rank->defaultValue.metaType(), QMetaType::fromType<int>());
        QCOMPARE(rank->defaultValue.toInt(), 7);

        QCOMPARE(m.field("seenAt")->defaultKind, orm::FieldMeta::Default::Now);
        QCOMPARE(m.field("token")->defaultKind, orm::FieldMeta::Default::UuidV4);
        QCOMPARE(m.field("token")->type, orm::FieldType::Uuid);

        const orm::FieldMeta *sku = m.field("sku");
        QCOMPARE(sku->column, QStringLiteral("stock_code"));
        QVERIFY(sku->index);
        QCOMPARE(m.indexOfColumn("stock_code"), m.indexOf("sku"));
        QCOMPARE(m.indexOfColumn("sku"), -1);

        QCOMPARE(m.field("body")->type, orm::FieldType::Text);
        QCOMPARE(m.field("price")->type, orm::FieldType::Decimal);
        QCOMPARE(m.field("price")->precision, 8);
        QCOMPARE(m.field("price")->scale, 3);
        QCOMPARE(m.field("note")->type, orm::FieldType::String);
        QCOMPARE(m.field("note")->length, 100);
        QCOMPARE(m.field("note")->comment, QStringLiteral("free text, for people's notes \\ more"));

        // Indexes: one unique per unique field, one composite per group, one per index option.
        QList<orm::IndexMeta> unique, plain;
        for (const orm::IndexMeta &ix : m.indexes)
            (ix.unique ? unique : plain).append(ix);
        QCOMPARE(unique.size(), 2);
        QCOMPARE(plain.size(), 1);
        QStringList uniqueColumns;
        for (const orm::IndexMeta &ix : unique)
            uniqueColumns.append(ix.columns.join('+'));
        uniqueColumns.sort();
        QCOMPARE(uniqueColumns, (QStringList{"first+last", "name"}));
        QCOMPARE(plain.first().columns, QStringList{"stock_code"});

        // Timestamps are added, after the attributes.
        QVERIFY(m.createdAt >= 0 && m.updatedAt >= 0);
        QCOMPARE(m.deletedAt, -1);
        QCOMPARE(m.fields.at(m.createdAt).name, QStringLiteral("createdAt"));
        QVERIFY(m.fields.at(m.createdAt).implicit);
        QVERIFY(!m.fields.at(m.createdAt).allowNull);
    }

    void memberAndReadWriteProperties()
    {
        mem.define<Gadget>();
        const orm::ModelMeta &m = Gadget::modelMeta();
        // Both kinds are attributes kept in their Q_PROPERTY.
        QCOMPARE(m.field("first")->storage, orm::FieldMeta::Storage::Property);
        QCOMPARE(m.field("last")->storage, orm::FieldMeta::Storage::Property);
        QCOMPARE(m.field("createdAt")->storage, orm::FieldMeta::Storage::Slot);
        auto g = Gadget::build({{"first", "Ada"}, {"last", "Lovelace"}});
        QCOMPARE(g->first(), QStringLiteral("Ada"));
        QCOMPARE(g->last, QStringLiteral("Lovelace"));
        g->setFirst(QStringLiteral("Grace"));
        QCOMPARE(g->get("first").toString(), QStringLiteral("Grace"));
        QVERIFY(g->changed("first") || g->isNewRecord());
        // Defaults are applied by build.
        QCOMPARE(g->status, QStringLiteral("active"));
        QCOMPARE(g->rank, 7);
        QVERIFY(g->seenAt.isValid());
        QVERIFY(!g->token.isNull());
    }

    void typeMapping()
    {
        mem.define<Typed>();
        const orm::ModelMeta &m = Typed::modelMeta();
        const QList<QPair<QString, orm::FieldType>> expected = {
            {"flag", orm::FieldType::Boolean}, {"number", orm::FieldType::Integer}, {"big", orm::FieldType::BigInt},
            {"real", orm::FieldType::Double},  {"text", orm::FieldType::String},    {"blob", orm::FieldType::Blob},
            {"day", orm::FieldType::Date},     {"time", orm::FieldType::Time},      {"moment", orm::FieldType::DateTime},
            {"uuid", orm::FieldType::Uuid},    {"object", orm::FieldType::Json},    {"array", orm::FieldType::Json},
            {"mood", orm::FieldType::Enum},
        };
        for (const auto &[name, type] : expected) {
            const orm::FieldMeta *f = m.field(name);
            QVERIFY2(f, qPrintable(name));
            QVERIFY2(f->type == type, qPrintable(name + ": " + orm::fieldTypeName(f->type)));
            QVERIFY2(f->metaType == f->property.metaType(), qPrintable(name));
        }
        QCOMPARE(m.field("text")->length, 255);
        QVERIFY(m.field("mood")->metaEnum.isValid());
        QCOMPARE(m.field("mood")->defaultValue.toString(), QStringLiteral("Happy"));
        // An implicit id, and no timestamps.
        QCOMPARE(m.fields.size(), expected.size() + 1);
        QCOMPARE(m.createdAt, -1);
        QCOMPARE(m.updatedAt, -1);
    }

    void integerWidths()
    {
        mem.define<Widths>();
        const orm::ModelMeta &m = Widths::modelMeta();
        QCOMPARE(m.field("small")->type, orm::FieldType::Integer);
        QCOMPARE(m.field("normal")->type, orm::FieldType::Integer);
        QCOMPARE(m.field("unsignedInt")->type, orm::FieldType::BigInt); // 4294967295 does not fit INTEGER
        QCOMPARE(m.field("big")->type, orm::FieldType::BigInt);
        QCOMPARE(m.field("single")->type, orm::FieldType::Double);
    }

    void integerWidthsInDatabase_data() { addDialectColumn(); }
    void integerWidthsInDatabase()
    {
        QUARRY_OPEN_DB();
        db.define<Widths>();
        db.sync();
        auto w = Widths::build();
        w->small = -32768;
        w->normal = -2147483647 - 1;
        w->unsignedInt = 4294967295u;
        w->big = Q_INT64_C(-9223372036854775807) - 1;
        w->single = 1.5f;
        w->save();
        auto back = Widths::findByPk(w->get("id"));
        QVERIFY(back);
        QCOMPARE(back->small, w->small);
        QCOMPARE(back->normal, w->normal);
        QCOMPARE(back->unsignedInt, 4294967295u);
        QCOMPARE(back->big, w->big);
        QCOMPARE(back->single, 1.5f);
        QCOMPARE(rawValue(db, R"(SELECT "unsignedInt" FROM "Widths")").toLongLong(), Q_INT64_C(4294967295));
    }

    void implicitPrimaryKey()
    {
        mem.define<NoKey, OwnId, NaturalKey>();
        const orm::ModelMeta &a = NoKey::modelMeta();
        QCOMPARE(a.fields.first().name, QStringLiteral("id"));
        QCOMPARE(a.primaryKeyField().name, QStringLiteral("id"));
        QVERIFY(a.primaryKeyField().implicit);
        QVERIFY(a.primaryKeyField().autoIncrement);
        QCOMPARE(a.primaryKeyField().type, orm::FieldType::Integer);
        QCOMPARE(a.primaryKeyField().storage, orm::FieldMeta::Storage::Slot);

        // A declared `id` without options becomes the key, in its property.
        const orm::ModelMeta &b = OwnId::modelMeta();
        QCOMPARE(b.primaryKey.size(), 1);
        QCOMPARE(b.primaryKeyField().name, QStringLiteral("id"));
        QVERIFY(!b.primaryKeyField().implicit);
        QVERIFY(b.primaryKeyField().autoIncrement);
        QCOMPARE(b.primaryKeyField().type, orm::FieldType::BigInt);
        QCOMPARE(b.primaryKeyField().storage, orm::FieldMeta::Storage::Property);

        // A natural key: no id at all.
        const orm::ModelMeta &c = NaturalKey::modelMeta();
        QCOMPARE(c.indexOf("id"), -1);
        QCOMPARE(c.primaryKeyField().name, QStringLiteral("code"));
        QVERIFY(!c.primaryKeyField().autoIncrement);
        QVERIFY(!c.primaryKeyField().allowNull);
    }

    void modelOptions()
    {
        mem.define<Stampless, SoftThing, Renamed, NoCreated, OwnStamp, Options>();
        {
            const orm::ModelMeta &m = Stampless::modelMeta();
            QCOMPARE(m.createdAt, -1);
            QCOMPARE(m.updatedAt, -1);
            QCOMPARE(m.attributeNames(), (QStringList{"id", "label"}));
        }
        {
            const orm::ModelMeta &m = SoftThing::modelMeta();
            QVERIFY(m.isParanoid());
            QCOMPARE(m.fields.at(m.deletedAt).name, QStringLiteral("deletedAt"));
            QVERIFY(m.fields.at(m.deletedAt).allowNull);
            QCOMPARE(m.fields.at(m.deletedAt).role, orm::FieldMeta::Role::DeletedAt);
        }
        {
            const orm::ModelMeta &m = Renamed::modelMeta();
            QCOMPARE(m.fields.at(m.createdAt).name, QStringLiteral("bornAt"));
            QCOMPARE(m.updatedAt, -1);
            QCOMPARE(m.fields.at(m.deletedAt).name, QStringLiteral("goneAt"));
            QCOMPARE(m.indexOf("createdAt"), -1);
            QCOMPARE(m.indexOf("updatedAt"), -1);
            QCOMPARE(m.indexOf("deletedAt"), -1);
        }
        {
            const orm::ModelMeta &m = NoCreated::modelMeta();
            QCOMPARE(m.createdAt, -1);
            QCOMPARE(m.fields.at(m.updatedAt).name, QStringLiteral("updatedAt"));
        }
        {
            // A declared QDateTime property of a timestamp's name holds the timestamp.
            const orm::ModelMeta &m = OwnStamp::modelMeta();
            const orm::FieldMeta &f = m.fields.at(m.createdAt);
            QCOMPARE(f.name, QStringLiteral("createdAt"));
            QCOMPARE(f.storage, orm::FieldMeta::Storage::Property);
            QVERIFY(!f.implicit);
            QCOMPARE(f.role, orm::FieldMeta::Role::CreatedAt);
        }
        {
            const orm::ModelMeta &m = Options::modelMeta();
            QCOMPARE(m.tableName, QStringLiteral("opt_table")); // tableName wins, verbatim
            QVERIFY(m.options.underscored && m.options.freezeTableName && m.options.paranoid);
            QCOMPARE(m.field("firstName")->column, QStringLiteral("first_name"));
            QCOMPARE(m.fields.at(m.deletedAt).column, QStringLiteral("deleted_at"));
        }
        // The seed's options.
        mem.define<seed::Member>();
        const orm::ModelMeta &m = seed::Member::modelMeta();
        QCOMPARE(m.tableName, QStringLiteral("members"));
        QVERIFY(m.isParanoid());
        QCOMPARE(m.fields.at(m.createdAt).column, QStringLiteral("created_at"));
    }

    // --- DefinitionError -----------------------------------------------------------------

    void definitionErrors()
    {
        const QList<ErrorCase> cases = {
            {"MisspelledOption", [this] { return definitionError<MisspelledOption>(mem); }, {"nickName", "alowNull"}},
            {"BadFlagValue", [this] { return definitionError<BadFlagValue>(mem); }, {"nickName", "maybe"}},
            {"InfoWithoutProperty", [this] { return definitionError<InfoWithoutProperty>(mem); }, {"emial"}},
            {"PointHolder", [this] { return definitionError<PointHolder>(mem); }, {"where", "QPoint"}},
            {"MapHolder", [this] { return definitionError<MapHolder>(mem); }, {"extras"}},
            {"IntAsString", [this] { return definitionError<IntAsString>(mem); }, {"counter", "STRING(10)"}},
            {"DateAsText", [this] { return definitionError<DateAsText>(mem); }, {"bornOn", "TEXT"}},
            {"BoolAsDecimal", [this] { return definitionError<BoolAsDecimal>(mem); }, {"active", "DECIMAL"}},
            {"StringAsInteger", [this] { return definitionError<StringAsInteger>(mem); }, {"amount", "INTEGER"}},
            {"MisspelledType", [this] { return definitionError<MisspelledType>(mem); }, {"title", "STRNG"}},
            {"ZeroLength", [this] { return definitionError<ZeroLength>(mem); }, {"title"}},
            {"BadDecimal", [this] { return definitionError<BadDecimal>(mem); }, {"amount", "DECIMAL(3,5)"}},
            {"ParanoidNoStamps", [this] { return definitionError<ParanoidNoStamps>(mem); }, {"paranoid", "timestamps"}},
            {"MisspelledModelOption", [this] { return definitionError<MisspelledModelOption>(mem); }, {"freezeTablename"}},
            {"HostileTable", [this] { return definitionError<HostileTable>(mem); }, {"tableName", "users; DROP TABLE users"}},
            {"HostileColumn", [this] { return definitionError<HostileColumn>(mem); }, {"title", "ti\"tle"}},
            {"HostileGroup", [this] { return definitionError<HostileGroup>(mem); }, {"title", "a;b"}},
            {"HostileIndex", [this] { return definitionError<HostileIndex>(mem); }, {"title", "x\"y"}},
            {"HostileTimestamp", [this] { return definitionError<HostileTimestamp>(mem); }, {"createdAt", "made at"}},
            {"UnknownClassInfo", [this] { return definitionError<UnknownClassInfo>(mem); }, {"orm:optoins"}},
            {"ReadOnlyProp", [this] { return definitionError<ReadOnlyProp>(mem); }, {"label"}},
            {"NowOnInteger", [this] { return definitionError<NowOnInteger>(mem); }, {"counter", "NOW"}},
            {"BadIntDefault", [this] { return definitionError<BadIntDefault>(mem); }, {"counter", "abc"}},
            {"BadEnumDefault", [this] { return definitionError<BadEnumDefault>(mem); }, {"level", "Medium"}},
            {"StringTimestamp", [this] { return definitionError<StringTimestamp>(mem); }, {"updatedAt"}},
            {"AutoIncrementString", [this] { return definitionError<AutoIncrementString>(mem); }, {"code", "autoIncrement"}},
            {"SameColumnTwice", [this] { return definitionError<SameColumnTwice>(mem); }, {"beta", "alpha"}},
            {"UnterminatedQuote", [this] { return definitionError<UnterminatedQuote>(mem); }, {"remark"}},
        };
        for (const ErrorCase &c : cases) {
            const QString message = c.define();
            QVERIFY2(!message.startsWith("NO ERROR") && !message.startsWith("WRONG"), qPrintable(c.model + ": " + message));
            QVERIFY2(message.contains(c.model), qPrintable(c.model + ": the message does not name the class: " + message));
            for (const QString &word : c.mustMention)
                QVERIFY2(message.contains(word), qPrintable(c.model + ": the message does not mention '" + word + "': " + message));
            // Nothing half-defined is left behind.
            QVERIFY2(!mem.isDefined(c.model), qPrintable(c.model));
        }
    }

    // --- run-time models ------------------------------------------------------------------

    void jsonModelEqualsClass()
    {
        orm::Database other = orm::Database::open(QStringLiteral("sqlite::memory:"));
        mem.define<Gadget>();
        const orm::ModelMeta &cls = Gadget::modelMeta();
        const orm::ModelHandle h = other.define("Gadget", gadgetAttributes(), {{"comment", "things we sell"}});
        const orm::ModelMeta &js = h.meta();
        QVERIFY(js.isDynamic());
        QVERIFY(!cls.isDynamic());
        QCOMPARE(js.name, cls.name);
        QCOMPARE(js.tableName, cls.tableName);
        QCOMPARE(js.options.comment, cls.options.comment);
        QCOMPARE(js.options.timestamps, cls.options.timestamps);
        // QJsonObject keeps its keys sorted, so fields are compared by name, not position.
        QStringList a = cls.attributeNames(), b = js.attributeNames();
        a.sort();
        b.sort();
        QCOMPARE(b, a);
        for (const orm::FieldMeta &f : cls.fields) {
            compareField(f, *js.field(f.name));
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(js.fields.at(js.primaryKey.first()).name, cls.fields.at(cls.primaryKey.first()).name);
        QCOMPARE(js.fields.at(js.createdAt).name, QStringLiteral("createdAt"));
        QCOMPARE(js.fields.at(js.updatedAt).name, QStringLiteral("updatedAt"));
        QCOMPARE(js.deletedAt, -1);
        auto indexSet = [](const orm::ModelMeta &m) {
            QStringList out;
            for (const orm::IndexMeta &ix : m.indexes)
                out.append(QStringLiteral("%1|%2|%3").arg(ix.name, ix.columns.join(','), ix.unique ? "u" : ""));
            out.sort();
            return out;
        };
        QCOMPARE(indexSet(js), indexSet(cls));
        // Run-time fields live in dynamic properties.
        QCOMPARE(js.field("name")->storage, orm::FieldMeta::Storage::Dynamic);

        // Model options from JSON too.
        const orm::ModelMeta &opt = other.define("Options", {{"firstName", "STRING"}},
                                                 {{"tableName", "opt_table"}, {"underscored", true},
                                                  {"freezeTableName", true}, {"paranoid", true}})
                                        .meta();
        mem.define<Options>();
        const orm::ModelMeta &optCls = Options::modelMeta();
        QCOMPARE(opt.tableName, optCls.tableName);
        QCOMPARE(opt.attributeNames(), optCls.attributeNames());
        for (const orm::FieldMeta &f : optCls.fields) {
            compareField(f, *opt.field(f.name));
            if (QTest::currentTestFailed())
                return;
        }
        const orm::ModelMeta &renamed = other.define("Renamed", {{"label", "STRING"}},
                                                     {{"paranoid", true}, {"createdAt", "bornAt"}, {"updatedAt", false},
                                                      {"deletedAt", "goneAt"}})
                                            .meta();
        mem.define<Renamed>();
        QCOMPARE(renamed.attributeNames(), Renamed::modelMeta().attributeNames());
        QCOMPARE(renamed.updatedAt, -1);
    }

    // AssociationMeta::inverse links each association to its other side, whichever side
    // comes first; Database::associationsTo answers "which associations point at a model".
    void inverseAssociationsAndAssociationsTo()
    {
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        for (const char *name : {"Author", "Book", "Shelf"})
            db.define(QString::fromLatin1(name), {{"title", "STRING"}});
        const orm::ModelHandle author = db.model("Author"), book = db.model("Book"), shelf = db.model("Shelf");
        book.belongsTo("Author"); // the inverse declared first
        author.hasMany("Book");
        author.hasOne("Shelf");   // no inverse on Shelf
        book.belongsToMany("Shelf", {.through = "BookShelves"});
        shelf.belongsToMany("Book", {.through = "BookShelves"});
        author.belongsToMany("Author", {.as = "Mentors", .foreignKey = "menteeId", .through = "Mentorships"});
        author.belongsToMany("Author", {.as = "Mentees", .foreignKey = "mentorId", .through = "Mentorships"});

        auto inverse = [&](const char *model, const char *association) {
            const orm::AssociationMeta *a = db.model(QString::fromLatin1(model)).meta().association(QString::fromLatin1(association));
            return a ? a->inverse : QStringLiteral("<no association>");
        };
        QCOMPARE(inverse("Author", "Books"), QStringLiteral("Author"));
        QCOMPARE(inverse("Book", "Author"), QStringLiteral("Books"));
        QCOMPARE(inverse("Author", "Shelf"), QString());
        QCOMPARE(inverse("Book", "Shelves"), QStringLiteral("Books"));
        QCOMPARE(inverse("Shelf", "Books"), QStringLiteral("Shelves"));
        QCOMPARE(inverse("Author", "Mentors"), QStringLiteral("Mentees"));
        QCOMPARE(inverse("Author", "Mentees"), QStringLiteral("Mentors"));
        const orm::AssociationMeta &books = *author.meta().association("Books");
        QVERIFY(books.isInverseOf(*book.meta().association("Author")));
        QVERIFY(!books.isInverseOf(*author.meta().association("Shelf")));

        auto pointingAt = [&](const char *model) {
            QStringList out;
            for (const orm::AssociationMeta &a : db.associationsTo(QString::fromLatin1(model)))
                out << a.source + QLatin1Char('.') + a.name;
            return out;
        };
        QCOMPARE(pointingAt("Author"), (QStringList{"Author.Mentors", "Author.Mentees", "Book.Author"}));
        QCOMPARE(pointingAt("Shelf"), (QStringList{"Author.Shelf", "Book.Shelves"}));
        QCOMPARE(pointingAt("Nobody"), QStringList());
    }

    void jsonDefinitionErrors()
    {
        const QJsonObject ok{{"type", "STRING"}};
        struct JsonCase
        {
            QString model;
            QJsonObject attributes, options;
            QStringList mustMention;
        };
        const QList<JsonCase> cases = {
            {"Tag", {{"label", QJsonObject{{"type", "STRING"}, {"alowNull", false}}}}, {}, {"label", "alowNull"}},
            {"Tag", {{"label", QJsonObject{{"type", "STRNG"}}}}, {}, {"label", "STRNG"}},
            {"Tag", {{"label", QJsonObject{{"allowNull", false}}}}, {}, {"label", "type"}},
            {"Tag", {{"label", 42}}, {}, {"label"}},
            {"Tag", {{"label", QJsonObject{{"type", "STRING"}, {"allowNull", "maybe"}}}}, {}, {"label", "maybe"}},
            {"Tag", {{"label", QJsonObject{{"type", "INTEGER"}, {"defaultValue", "abc"}}}}, {}, {"label", "abc"}},
            {"Tag", {{"label", QJsonObject{{"type", "INTEGER"}, {"defaultValue", "NOW"}}}}, {}, {"label", "NOW"}},
            {"Tag", {{"label", QJsonObject{{"type", "STRING(0)"}}}}, {}, {"label"}},
            {"Tag", {{"label", ok}}, {{"paranoid", true}, {"timestamps", false}}, {"paranoid"}},
            {"Tag", {{"label", ok}}, {{"freezeTablename", true}}, {"freezeTablename"}},
            // Hostile identifiers never reach SQL.
            {"Tag", {{"la\"bel", ok}}, {}, {"la\"bel"}},
            {"Tag", {{"label;", ok}}, {}, {"label;"}},
            {"Tag", {{"label", QJsonObject{{"type", "STRING"}, {"field", "x\"; DROP TABLE t; --"}}}}, {}, {"label", "DROP TABLE"}},
            {"Tag", {{"label", QJsonObject{{"type", "STRING"}, {"unique", "a'b"}}}}, {}, {"label", "a'b"}},
            {"Tag", {{"label", QJsonObject{{"type", "STRING"}, {"index", "a b"}}}}, {}, {"label", "a b"}},
            {"Tag", {{"label", ok}}, {{"tableName", "tags\"; DROP TABLE users; --"}}, {"tableName"}},
            {"Tag", {{"label", ok}}, {{"createdAt", "made at"}}, {"made at"}},
            {"Tag", {{"label", ok}}, {{"paranoid", true}, {"deletedAt", false}}, {"deletedAt"}},
            // Names the databases would cut or refuse (PostgreSQL keeps 63 characters).
            {QString(63, 'T'), {{"label", ok}}, {}, {"table name"}},
            {"Tag", {{QStringLiteral("aB").repeated(30), ok}}, {{"underscored", true}}, {"column name"}},
            // Two keys of one name.
            {"Tag", {{"email", attr("STRING", {{"unique", true}})}, {"first", attr("STRING", {{"unique", "email"}})},
                     {"last", attr("STRING", {{"unique", "email"}})}}, {}, {"Tags_email_unique"}},
            {"Ta\"g", {{"label", ok}}, {}, {}},
            {"Tag; DROP TABLE users", {{"label", ok}}, {}, {}},
            {"Tag`", {{"label", ok}}, {}, {}},
            {"", {{"label", ok}}, {}, {}},
        };
        for (const JsonCase &c : cases) {
            const QString message = jsonDefinitionError(mem, c.model, c.attributes, c.options);
            const QString what = c.model + " " + QString::fromUtf8(QJsonDocument(c.attributes).toJson(QJsonDocument::Compact))
                                 + QString::fromUtf8(QJsonDocument(c.options).toJson(QJsonDocument::Compact));
            QVERIFY2(!message.startsWith("NO ERROR") && !message.startsWith("WRONG"), qPrintable(what + ": " + message));
            QVERIFY2(c.model.isEmpty() || message.contains(c.model), qPrintable(what + ": the message does not name the model: " + message));
            for (const QString &word : c.mustMention)
                QVERIFY2(message.contains(word), qPrintable(what + ": the message does not mention '" + word + "': " + message));
            QVERIFY2(!mem.isDefined(c.model), qPrintable(what));
        }
    }

    // --- in the databases -------------------------------------------------------------------

    void columnsPerDialect_data() { addDialectColumn(); }
    void columnsPerDialect()
    {
        QUARRY_OPEN_DB();
        db.define<Gadget, Typed, NoKey, NaturalKey>();
        db.sync();
        auto typeOf = [&](const QString &table, const QString &column) { return probeColumn(db, table, column).type; };
        const QString T = QStringLiteral("Typeds");
        QCOMPARE(typeOf(T, "flag"), perDialect(db, "TINYINT(1)", "boolean", "tinyint(1)"));
        QCOMPARE(typeOf(T, "number"), perDialect(db, "INTEGER", "integer", "int(11)"));
        QCOMPARE(typeOf(T, "big"), perDialect(db, "BIGINT", "bigint", "bigint(20)"));
        QCOMPARE(typeOf(T, "real"), perDialect(db, "DOUBLE PRECISION", "double precision", "double"));
        QCOMPARE(typeOf(T, "text"), perDialect(db, "VARCHAR(255)", "character varying(255)", "varchar(255)"));
        QCOMPARE(typeOf(T, "blob"), perDialect(db, "BLOB", "bytea", "longblob"));
        QCOMPARE(typeOf(T, "day"), perDialect(db, "DATE", "date", "date"));
        QCOMPARE(typeOf(T, "time"), perDialect(db, "TIME", "time(3) without time zone", "time(3)"));
        QCOMPARE(typeOf(T, "moment"), perDialect(db, "DATETIME", "timestamp(3) with time zone", "datetime(3)"));
        QCOMPARE(typeOf(T, "uuid"), perDialect(db, "UUID", "uuid", "char(36)"));
        QCOMPARE(typeOf(T, "object"), perDialect(db, "JSON", "jsonb", "longtext"));
        QCOMPARE(typeOf(T, "array"), perDialect(db, "JSON", "jsonb", "longtext"));
        QCOMPARE(typeOf(T, "mood"), perDialect(db, "VARCHAR(255)", "character varying(255)", "varchar(255)"));
        QVERIFY(probeColumn(db, T, "mood").defaultValue.toString().contains("Happy"));

        const QString G = QStringLiteral("Gadgets");
        QCOMPARE(columnNames(db, G),
                 (QStringList{"code", "name", "first", "last", "status", "rank", "seenAt", "token", "stock_code", "body",
                              "price", "note", "createdAt", "updatedAt"}));
        QCOMPARE(typeOf(G, "code"), perDialect(db, "INTEGER", "bigint", "bigint(20)"));
        QVERIFY(probeColumn(db, G, "code").primaryKey);
        QCOMPARE(typeOf(G, "status"), perDialect(db, "VARCHAR(20)", "character varying(20)", "varchar(20)"));
        QCOMPARE(typeOf(G, "body"), perDialect(db, "TEXT", "text", "longtext"));
        QCOMPARE(typeOf(G, "price"), perDialect(db, "DECIMAL(8,3)", "numeric(8,3)", "decimal(8,3)"));
        QCOMPARE(typeOf(G, "note"), perDialect(db, "VARCHAR(100)", "character varying(100)", "varchar(100)"));
        QVERIFY(probeColumn(db, G, "name").notNull);
        QVERIFY(!probeColumn(db, G, "first").notNull);
        QVERIFY(probeColumn(db, G, "createdAt").notNull);
        QVERIFY(probeColumn(db, G, "status").defaultValue.toString().contains("active"));
        QVERIFY(probeColumn(db, G, "rank").defaultValue.toString().contains("7"));
        // Indexes over the right columns.
        const auto nameIx = probeIndexOn(db, G, {"name"});
        QVERIFY(nameIx && nameIx->unique);
        const auto fullName = probeIndexOn(db, G, {"first", "last"});
        QVERIFY(fullName && fullName->unique);
        const auto sku = probeIndexOn(db, G, {"stock_code"});
        QVERIFY(sku && !sku->unique);
        QVERIFY(!probeIndexOn(db, G, {"first"}));

        // Comments are in the catalog (SQLite has none).
        if (isPostgres(db)) {
            QCOMPARE(rawValue(db, "SELECT col_description(to_regclass('\"Gadgets\"'), a.attnum) FROM pg_attribute a "
                                  "WHERE a.attrelid = to_regclass('\"Gadgets\"') AND a.attname = 'note'").toString(),
                     QStringLiteral("free text, for people's notes \\ more"));
            QCOMPARE(rawValue(db, "SELECT obj_description(to_regclass('\"Gadgets\"'), 'pg_class')").toString(),
                     QStringLiteral("things we sell"));
        } else if (isMariadb(db)) {
            QCOMPARE(rawValue(db, "SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                                  "AND TABLE_NAME = 'Gadgets' AND COLUMN_NAME = 'note'").toString(),
                     QStringLiteral("free text, for people's notes \\ more"));
            QCOMPARE(rawValue(db, "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                                  "AND TABLE_NAME = 'Gadgets'").toString(),
                     QStringLiteral("things we sell"));
            // Restating the commented columns kept their types and constraints.
            QCOMPARE(typeOf(G, "note"), QStringLiteral("varchar(100)"));
            QCOMPARE(rawValue(db, "SELECT EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                                  "AND TABLE_NAME = 'Gadgets' AND COLUMN_NAME = 'code'").toString(),
                     QStringLiteral("auto_increment"));
            QVERIFY(probeColumn(db, G, "name").notNull);
        }

        // The implicit id and a natural key.
        const ProbeColumn id = probeColumn(db, "NoKeys", "id");
        QVERIFY(id.primaryKey);
        QCOMPARE(id.type, perDialect(db, "INTEGER", "integer", "int(11)"));
        QCOMPARE(columnNames(db, "NoKeys"), (QStringList{"id", "label", "createdAt", "updatedAt"}));
        QVERIFY(probeColumn(db, "NaturalKeys", "code").primaryKey);
        QCOMPARE(typeOf("NaturalKeys", "code"), perDialect(db, "VARCHAR(12)", "character varying(12)", "varchar(12)"));
        QVERIFY(!columnNames(db, "NaturalKeys").contains("id"));
        auto a = NoKey::create({{"label", "a"}});
        auto b = NoKey::create({{"label", "b"}});
        QVERIFY(a->get("id").toLongLong() > 0);
        QVERIFY(b->get("id").toLongLong() > a->get("id").toLongLong());
        QCOMPARE(rawValue(db, R"(SELECT "label" FROM "NoKeys" WHERE "id" = ?)", {b->get("id")}).toString(), QStringLiteral("b"));
    }

    void valuesThroughProperties_data() { addDialectColumn(); }
    void valuesThroughProperties()
    {
        QUARRY_OPEN_DB();
        db.define<Gadget>();
        db.sync();
        auto p = Gadget::build();
        Gadget &g = *p;
        g.name = QStringLiteral("widget");
        g.setFirst(QStringLiteral("Ada"));
        g.last = QStringLiteral("Lovelace");
        g.sku = QStringLiteral("W-1");
        g.save();
        QVERIFY(g.code > 0);
        const auto row = rawRows(db, R"(SELECT "first", "last", "stock_code", "status", "rank", "seenAt", "token" FROM "Gadgets" WHERE "code" = ?)",
                                 {g.code});
        QCOMPARE(row.size(), 1);
        QCOMPARE(row[0][0].toString(), QStringLiteral("Ada"));    // READ/WRITE property
        QCOMPARE(row[0][1].toString(), QStringLiteral("Lovelace")); // MEMBER property
        QCOMPARE(row[0][2].toString(), QStringLiteral("W-1"));      // field= column
        QCOMPARE(row[0][3].toString(), QStringLiteral("active"));   // literal default
        QCOMPARE(row[0][4].toInt(), 7);
        QVERIFY(!row[0][5].isNull()); // NOW
        QCOMPARE(QUuid::fromString(row[0][6].toString()), g.token); // UUIDV4
        QVERIFY(!g.token.isNull());
        auto back = Gadget::findByPk(g.code);
        QVERIFY(back);
        QCOMPARE(back->first(), QStringLiteral("Ada"));
        QCOMPARE(back->sku, QStringLiteral("W-1"));
        QCOMPARE(back->seenAt, g.seenAt);
    }

    void databaseEnforcesConstraints_data() { addDialectColumn(); }
    void databaseEnforcesConstraints()
    {
        QUARRY_OPEN_DB();
        db.define<Account>();
        db.sync();
        const QString insert = QStringLiteral(R"(INSERT INTO "Accounts" ("email", "first", "last", "handle") VALUES (?, ?, ?, ?))");
        QVERIFY(!rawFails(db, insert, {"a@x", "Ada", "Lovelace", "ada"}));
        // unique
        QVERIFY(rawFails(db, insert, {"a@x", "Other", "Person", "o"}));
        // allowNull=false
        QVERIFY(rawFails(db, insert, {QVariant(QMetaType::fromType<QString>()), "No", "Mail", "n"}));
        QVERIFY(rawFails(db, R"(INSERT INTO "Accounts" ("email", "rank") VALUES ('r@x', NULL))"));
        // unique=fullName: the pair is unique, not each column
        QVERIFY(rawFails(db, insert, {"b@x", "Ada", "Lovelace", "b"}));
        QVERIFY(!rawFails(db, insert, {"c@x", "Ada", "Byron", "c"}));
        QVERIFY(!rawFails(db, insert, {"d@x", "Grace", "Lovelace", "d"}));
        // Defaults are in the table.
        QCOMPARE(rawValue(db, R"(SELECT "rank" FROM "Accounts" WHERE "email" = 'a@x')").toInt(), 7);
        QCOMPARE(rawValue(db, R"(SELECT "status" FROM "Accounts" WHERE "email" = 'a@x')").toString(), QStringLiteral("on hold"));
        QCOMPARE(rawCount(db, "Accounts"), 3);
        // STRING(100): enforced by PostgreSQL and MariaDB; SQLite keeps any length.
        QVERIFY(!rawFails(db, insert, {"e@x", "E", "E", QString(100, QLatin1Char('h'))}));
        const bool longRefused = rawFails(db, insert, {"f@x", "F", "F", QString(101, QLatin1Char('h'))});
        QCOMPARE(longRefused, !isSqlite(db));
        // The ORM's own check comes first for allowNull=false.
        QUARRY_EXPECT_THROW(orm::ValidationError, Account::create({{"first", "X"}}));
    }

    void modelOptionsInDatabase_data() { addDialectColumn(); }
    void modelOptionsInDatabase()
    {
        QUARRY_OPEN_DB();
        db.define<Stampless, SoftThing, Renamed, NoCreated, OwnStamp, Options>();
        db.sync();
        QCOMPARE(columnNames(db, "Stamplesses"), (QStringList{"id", "label"}));
        QCOMPARE(columnNames(db, "SoftThings"), (QStringList{"id", "label", "createdAt", "updatedAt", "deletedAt"}));
        QVERIFY(probeColumn(db, "SoftThings", "createdAt").notNull);
        QVERIFY(probeColumn(db, "SoftThings", "updatedAt").notNull);
        QVERIFY(!probeColumn(db, "SoftThings", "deletedAt").notNull);
        QCOMPARE(columnNames(db, "Renameds"), (QStringList{"id", "label", "bornAt", "goneAt"}));
        QCOMPARE(columnNames(db, "NoCreateds"), (QStringList{"id", "label", "updatedAt"}));
        QCOMPARE(columnNames(db, "OwnStamps"), (QStringList{"id", "label", "createdAt", "updatedAt"}));
        QCOMPARE(columnNames(db, "opt_table"), (QStringList{"id", "first_name", "created_at", "updated_at", "deleted_at"}));
        QVERIFY(!probeTables(db).contains("Options"));

        auto r = Renamed::create({{"label", "x"}});
        QVERIFY(r->get("bornAt").toDateTime().isValid());
        QVERIFY(!rawValue(db, R"(SELECT "bornAt" FROM "Renameds")").isNull());
        QVERIFY(rawValue(db, R"(SELECT "goneAt" FROM "Renameds")").isNull());
        r->destroy();
        QCOMPARE(rawCount(db, "Renameds"), 1); // paranoid: soft
        QVERIFY(!rawValue(db, R"(SELECT "goneAt" FROM "Renameds")").isNull());

        auto s = Stampless::create({{"label", "y"}});
        QCOMPARE(rawValue(db, R"(SELECT "label" FROM "Stamplesses")").toString(), QStringLiteral("y"));

        auto o = OwnStamp::create({{"label", "z"}});
        QVERIFY(o->createdAt.isValid()); // the declared property holds it
        QCOMPARE(rawCount(db, "OwnStamps", R"("createdAt" IS NOT NULL)"), 1);

        auto n = NoCreated::create({{"label", "w"}});
        QVERIFY(!rawValue(db, R"(SELECT "updatedAt" FROM "NoCreateds")").isNull());

        auto opt = Options::create({{"firstName", "Ada"}});
        QCOMPARE(rawValue(db, R"(SELECT "first_name" FROM "opt_table")").toString(), QStringLiteral("Ada"));
        QVERIFY(!rawValue(db, R"(SELECT "created_at" FROM "opt_table")").isNull());
    }

    void jsonModelBuildsTheSameTable_data() { addDialectColumn(); }
    void jsonModelBuildsTheSameTable()
    {
        QUARRY_OPEN_DB();
        db.define<Gadget>();
        db.sync();
        const auto classColumns = columnSignature(db, "Gadgets");
        const auto classIndexes = indexSignature(db, "Gadgets");
        QVERIFY(!classColumns.isEmpty());
        Gadget::drop();
        QVERIFY(!probeTables(db).contains("Gadgets"));

        auto gadget = db.define("Gadget", gadgetAttributes(), {{"comment", "things we sell"}});
        db.sync();
        QCOMPARE(columnSignature(db, "Gadgets"), classColumns);
        QCOMPARE(indexSignature(db, "Gadgets"), classIndexes);
        // And the engine treats the instances the same.
        auto g = gadget.create({{"name", "widget"}, {"first", "Ada"}, {"last", "Lovelace"}, {"sku", "W-1"}});
        QVERIFY(g->get("code").toLongLong() > 0);
        QCOMPARE(g->get("status").toString(), QStringLiteral("active"));
        QVERIFY(!g->get("token").toUuid().isNull());
        QCOMPARE(rawValue(db, R"(SELECT "stock_code" FROM "Gadgets")").toString(), QStringLiteral("W-1"));
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, gadget.create({{"name", "widget"}}));
    }

    // A QJsonObject sorts its keys; the QJsonArray form keeps the columns in the given order,
    // in the model and in the table the database holds.
    void orderedJsonModel_data() { addDialectColumn(); }
    void orderedJsonModel()
    {
        QUARRY_OPEN_DB();
        const QJsonArray attributes{
            QJsonObject{{"name", "zeta"}, {"type", "STRING"}, {"allowNull", false}},
            QJsonObject{{"name", "alpha"}, {"type", "INTEGER"}, {"defaultValue", 7}},
            "middle",
            QJsonObject{{"name", "beta"}, {"type", "BOOLEAN"}},
        };
        auto shelf = db.define("Shelf", attributes, {{"timestamps", false}, {"tableName", "Shelves"}});
        QCOMPARE(shelf.meta().attributeNames(), (QStringList{"id", "zeta", "alpha", "middle", "beta"}));
        QCOMPARE(shelf.meta().field("middle")->type, orm::FieldType::String);
        shelf.sync();
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(dialectSql(db, R"(SELECT * FROM "Shelves" WHERE 1 = 0)")));
        QStringList columns;
        for (int i = 0; i < q.record().count(); ++i)
            columns.append(q.record().fieldName(i));
        QCOMPARE(columns, (QStringList{"id", "zeta", "alpha", "middle", "beta"}));
        auto s = shelf.create({{"zeta", "z"}});
        QCOMPARE(rawValue(db, R"(SELECT "alpha" FROM "Shelves")").toInt(), 7);
        QCOMPARE(s->get("alpha").toInt(), 7);

        // Written in braces, the attributes keep the order written too (as in JavaScript).
        auto card = db.define("Card", {{"zeta", "STRING"}, {"alpha", QJsonObject{{"type", "INTEGER"}}}, {"mid", "TEXT"}},
                              {{"timestamps", false}});
        QCOMPARE(card.meta().attributeNames(), (QStringList{"id", "zeta", "alpha", "mid"}));

        QUARRY_EXPECT_THROW(orm::DefinitionError, db.define("Bad", QJsonArray{QJsonObject{{"type", "STRING"}}}));
        QUARRY_EXPECT_THROW(orm::DefinitionError, db.define("Bad", {{"a", "STRING"}, {"a", "TEXT"}}));
        QUARRY_EXPECT_THROW(orm::DefinitionError, db.define("Bad", QJsonArray{"a", QJsonObject{{"name", "a"}, {"type", "TEXT"}}}));
    }
};

QTEST_GUILESS_MAIN(TestMetadata)
#include "tst_metadata.moc"
