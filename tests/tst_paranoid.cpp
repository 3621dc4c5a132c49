// Timestamps and paranoid (soft delete), with Sequelize's semantics: the seed's Member
// (tableName=members timestamps paranoid underscored) and models without paranoid, without
// timestamps, and with renamed timestamps. The process runs in a zone far from UTC, so a
// timestamp stored as local wall-clock time cannot pass for UTC.
#include "SeedModels.h"
#include "TestSupport.h"

#include <QRegularExpression>
#include <QSqlRecord>
#include <ctime>

using namespace quarry::test;
namespace Op = orm::Op;
using orm::Where;
using seed::Member;
using seed::User;

// Timestamps, not paranoid.
class Note : public orm::Model<Note>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
public:
    Q_INVOKABLE explicit Note(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString title;
};

// No timestamps at all.
class Plain : public orm::Model<Plain>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Plain(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString title;
};

// createdAt renamed, updatedAt turned off.
class Entry : public orm::Model<Entry>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("orm:options", "createdAt=createdOn updatedAt=false")
public:
    Q_INVOKABLE explicit Entry(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString title;
};

// The same, underscored: the renamed timestamp is snake_cased like the other columns.
class LogLine : public orm::Model<LogLine>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString lineText MEMBER lineText)
    Q_CLASSINFO("orm:options", "underscored createdAt=createdOn updatedAt=false")
public:
    Q_INVOKABLE explicit LogLine(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString lineText;
};

// Paranoid with every timestamp renamed, and createdAt stored in a declared QDateTime property.
class Archive : public orm::Model<Archive>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString title MEMBER title)
    Q_PROPERTY(QDateTime madeAt MEMBER madeAt)
    Q_CLASSINFO("orm:options", "paranoid createdAt=madeAt updatedAt=changedAt deletedAt=removedAt")
public:
    Q_INVOKABLE explicit Archive(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString title;
    QDateTime madeAt;
};

namespace {

QStringList sortedColumns(const orm::Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(dialectSql(db, QStringLiteral("SELECT * FROM \"%1\" WHERE 1 = 0").arg(table))))
        throw std::runtime_error("cannot read the columns of " + table.toStdString());
    QStringList out;
    for (int i = 0; i < q.record().count(); ++i)
        out.append(q.record().fieldName(i));
    out.sort();
    return out;
}

// A timestamp column exactly as the database holds it, as text, read as UTC. PostgreSQL
// prints timestamptz in the session's zone (UTC) with "+00"; the others hold wall-clock text.
QDateTime rawUtc(const orm::Database &db, const QString &table, const QString &column, qint64 id)
{
    const QString cast = db.dialectName() == QLatin1String("mariadb") ? QStringLiteral("CHAR") : QStringLiteral("TEXT");
    const QVariant v = rawValue(db, QStringLiteral("SELECT CAST(\"%1\" AS %2) FROM \"%3\" WHERE \"id\" = ?").arg(column, cast, table), {id});
    if (v.isNull())
        return {};
    QString s = v.toString().trimmed();
    static const QRegularExpression zone(QStringLiteral("([+-]00(:?00)?|Z)$"));
    s.remove(zone);
    s.replace(QLatin1Char(' '), QLatin1Char('T'));
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return {};
    dt.setTimeSpec(Qt::UTC);
    return dt;
}

bool rawIsNull(const orm::Database &db, const QString &table, const QString &column, qint64 id)
{
    return rawValue(db, QStringLiteral("SELECT \"%1\" FROM \"%2\" WHERE \"id\" = ?").arg(column, table), {id}).isNull();
}

QList<orm::Ptr<Member>> makeMembers()
{
    QList<orm::Ptr<Member>> out;
    out.append(Member::create({{"firstName", "Ann"}, {"lastName", "A"}, {"email", "ann@x"}, {"age", 20}}));
    out.append(Member::create({{"firstName", "Bob"}, {"lastName", "B"}, {"email", "bob@x"}, {"age", 30}}));
    out.append(Member::create({{"firstName", "Cy"}, {"lastName", "C"}, {"email", "cy@x"}, {"age", 90}}));
    return out;
}

QString firstNames(const QList<orm::Ptr<Member>> &ms)
{
    QStringList out;
    for (const auto &m : ms)
        out.append(m->firstName);
    return out.join(QLatin1Char(','));
}

} // namespace

class TestParanoid : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Far from UTC, with a half-hour offset: a local wall clock taken for UTC shows.
        qputenv("TZ", "Asia/Kolkata");
        tzset();
        QVERIFY(QDateTime::currentDateTime().offsetFromUtc() == 5 * 3600 + 1800);
    }

    // ---------------------------------------------------------------- columns
    void columns_data() { addDialectColumn(); }
    void columns()
    {
        QUARRY_OPEN_DB();
        db.define<Member, Note, Plain, Entry, LogLine, Archive>();
        db.sync();
        QCOMPARE(sortedColumns(db, "members"),
                 QStringList({"age", "created_at", "deleted_at", "email", "first_name", "id", "last_name", "updated_at"}));
        QCOMPARE(sortedColumns(db, "Notes"), QStringList({"createdAt", "id", "title", "updatedAt"}));
        QCOMPARE(sortedColumns(db, "Plains"), QStringList({"id", "title"}));
        QCOMPARE(sortedColumns(db, "Entries"), QStringList({"createdOn", "id", "title"}));
        QCOMPARE(sortedColumns(db, "log_lines"), QStringList({"created_on", "id", "line_text"}));
        QCOMPARE(sortedColumns(db, "Archives"), QStringList({"changedAt", "id", "madeAt", "removedAt", "title"}));
        // The metadata says the same: attribute names stay camelCase.
        QCOMPARE(Member::modelMeta().fields.at(Member::modelMeta().deletedAt).name, QStringLiteral("deletedAt"));
        QCOMPARE(Member::modelMeta().fields.at(Member::modelMeta().deletedAt).column, QStringLiteral("deleted_at"));
        QVERIFY(Member::modelMeta().isParanoid());
        QVERIFY(!Note::modelMeta().isParanoid());
        QCOMPARE(Plain::modelMeta().createdAt, -1);
        QCOMPARE(Plain::modelMeta().updatedAt, -1);
        QCOMPARE(Entry::modelMeta().updatedAt, -1);
        QVERIFY(Entry::modelMeta().createdAt >= 0);
    }

    // ---------------------------------------------------------------- timestamps
    void timestampsAreUtc_data() { addDialectColumn(); }
    void timestampsAreUtc()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-5);
        auto ann = Member::create({{"firstName", "Ann"}, {"email", "ann@x"}});
        const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(5);
        const QDateTime created = ann->get("createdAt").toDateTime();
        QVERIFY(created.isValid());
        QCOMPARE(created.timeSpec(), Qt::UTC);
        QVERIFY2(created >= before && created <= after, qPrintable(created.toString(Qt::ISODateWithMs)));
        QCOMPARE(ann->get("updatedAt").toDateTime(), created);
        QVERIFY(orm::isNullValue(ann->get("deletedAt")));
        QVERIFY(!ann->isSoftDeleted());
        // In the table: UTC, to the millisecond, and deleted_at NULL.
        const QDateTime stored = rawUtc(db, "members", "created_at", ann->id);
        QVERIFY2(stored.isValid(), "created_at not readable");
        QCOMPARE(stored, created);
        QCOMPARE(rawUtc(db, "members", "updated_at", ann->id), created);
        QVERIFY(rawIsNull(db, "members", "deleted_at", ann->id));
        // Read back by the ORM: the same instant, in UTC.
        auto back = Member::findByPk(ann->id);
        QCOMPARE(back->get("createdAt").toDateTime(), created);
        QCOMPARE(back->get("createdAt").toDateTime().timeSpec(), Qt::UTC);
        QVERIFY(back->changed().isEmpty());
    }

    void updatedAtMoves_data() { addDialectColumn(); }
    void updatedAtMoves()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto m = Member::create({{"firstName", "Ann"}, {"email", "ann@x"}});
        const QDateTime created = rawUtc(db, "members", "created_at", m->id);
        QTest::qWait(20);
        {
            // Nothing changed: no query, nothing moves.
            StatementCounter counter(db);
            m->save();
            QCOMPARE(counter.count(), 0);
        }
        QCOMPARE(rawUtc(db, "members", "updated_at", m->id), created);

        m->age = 41;
        m->save();
        const QDateTime moved = rawUtc(db, "members", "updated_at", m->id);
        QVERIFY2(moved > created, qPrintable(moved.toString(Qt::ISODateWithMs)));
        QVERIFY(moved <= QDateTime::currentDateTimeUtc());
        QCOMPARE(m->get("updatedAt").toDateTime(), moved);
        QCOMPARE(rawUtc(db, "members", "created_at", m->id), created);

        // silent: the change is written, updatedAt stays.
        QTest::qWait(20);
        m->update({{"lastName", "Quiet"}}, orm::SaveOptions{.silent = true});
        QCOMPARE(rawValue(db, R"(SELECT "last_name" FROM "members" WHERE "id" = ?)", {m->id}).toString(), QStringLiteral("Quiet"));
        QCOMPARE(rawUtc(db, "members", "updated_at", m->id), moved);

        // update() moves it again; static update too, unless silent.
        QTest::qWait(20);
        m->update({{"lastName", "Loud"}});
        const QDateTime third = rawUtc(db, "members", "updated_at", m->id);
        QVERIFY(third > moved);
        QTest::qWait(20);
        QCOMPARE(Member::update({{"age", 42}}, {.where = {{"id", m->id}}}), 1);
        const QDateTime fourth = rawUtc(db, "members", "updated_at", m->id);
        QVERIFY(fourth > third);
        QTest::qWait(20);
        QCOMPARE(Member::update({{"age", 43}}, {.where = {{"id", m->id}}, .silent = true}), 1);
        QCOMPARE(rawUtc(db, "members", "updated_at", m->id), fourth);
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "members" WHERE "id" = ?)", {m->id}).toInt(), 43);
        // increment is a change too.
        QTest::qWait(20);
        m->increment("age");
        QVERIFY(rawUtc(db, "members", "updated_at", m->id) > fourth);
        QCOMPARE(rawUtc(db, "members", "created_at", m->id), created);
    }

    void callersCannotWriteTimestamps_data() { addDialectColumn(); }
    void callersCannotWriteTimestamps()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        const QDateTime y2k(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
        auto m = Member::create({{"firstName", "Ann"}, {"email", "ann@x"}, {"createdAt", y2k}, {"updatedAt", y2k}, {"deletedAt", y2k}});
        QVERIFY(rawUtc(db, "members", "created_at", m->id).date().year() > 2020);
        QVERIFY(rawUtc(db, "members", "updated_at", m->id).date().year() > 2020);
        QVERIFY(rawIsNull(db, "members", "deleted_at", m->id));
        const QDateTime created = rawUtc(db, "members", "created_at", m->id);
        m->set("createdAt", y2k);
        QVERIFY(m->changed().isEmpty());
        Member::update({{"createdAt", y2k}, {"deletedAt", y2k}, {"age", 5}}, {.where = {{"id", m->id}}});
        QCOMPARE(rawUtc(db, "members", "created_at", m->id), created);
        QVERIFY(rawIsNull(db, "members", "deleted_at", m->id));
        QCOMPARE(Member::count(), 1);
        const auto bulk = Member::bulkCreate({{{"firstName", "B"}, {"email", "b@x"}, {"createdAt", y2k}, {"deletedAt", y2k}}});
        QVERIFY(rawUtc(db, "members", "created_at", bulk.first()->id).date().year() > 2020);
        QVERIFY(rawIsNull(db, "members", "deleted_at", bulk.first()->id));
    }

    void timestampsOff_data() { addDialectColumn(); }
    void timestampsOff()
    {
        QUARRY_OPEN_DB();
        db.define<Plain>();
        db.sync();
        StatementCounter counter(db);
        auto p = Plain::create({{"title", "t"}});
        QVERIFY(p->id > 0);
        QCOMPARE(counter.count(), 1);
        QVERIFY2(!counter.statements().first().contains("At"), qPrintable(counter.statements().first()));
        QUARRY_EXPECT_THROW(orm::QueryError, p->get("createdAt"));
        QUARRY_EXPECT_THROW(orm::QueryError, p->get("updatedAt"));
        p->update({{"title", "u"}});
        QCOMPARE(rawValue(db, R"(SELECT "title" FROM "Plains" WHERE "id" = ?)", {p->id}).toString(), QStringLiteral("u"));
        QCOMPARE(sortedColumns(db, "Plains"), QStringList({"id", "title"}));
        QUARRY_EXPECT_THROW(orm::QueryError, Plain::findAll({.order = {{"createdAt", orm::Desc}}}));
        QUARRY_EXPECT_THROW(orm::QueryError, p->restore());
    }

    void renamedTimestamps_data() { addDialectColumn(); }
    void renamedTimestamps()
    {
        QUARRY_OPEN_DB();
        db.define<Entry, LogLine, Archive>();
        db.sync();
        auto e = Entry::create({{"title", "t"}});
        const QDateTime on = rawUtc(db, "Entries", "createdOn", e->id);
        QVERIFY(on.isValid());
        QVERIFY(qAbs(on.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
        QCOMPARE(e->get("createdOn").toDateTime(), on);
        QUARRY_EXPECT_THROW(orm::QueryError, e->get("createdAt"));
        QUARRY_EXPECT_THROW(orm::QueryError, e->get("updatedAt"));
        QTest::qWait(20);
        e->update({{"title", "u"}}); // no updatedAt to move, createdOn stays
        QCOMPARE(rawUtc(db, "Entries", "createdOn", e->id), on);
        QCOMPARE(rawValue(db, R"(SELECT "title" FROM "Entries")").toString(), QStringLiteral("u"));
        QCOMPARE(Entry::count({.where = {{"createdOn", Op::lte(QDateTime::currentDateTimeUtc())}}}), 1);

        auto l = LogLine::create({{"lineText", "hello"}});
        QVERIFY(rawUtc(db, "log_lines", "created_on", l->id).isValid());
        QCOMPARE(l->get("createdOn").toDateTime(), rawUtc(db, "log_lines", "created_on", l->id));

        // Renamed paranoid timestamps behave like the default ones.
        auto a = Archive::create({{"title", "a"}});
        QVERIFY(a->madeAt.isValid()); // kept in the declared property
        QCOMPARE(a->madeAt, rawUtc(db, "Archives", "madeAt", a->id));
        QCOMPARE(rawUtc(db, "Archives", "changedAt", a->id), a->madeAt);
        a->destroy();
        QVERIFY(!rawIsNull(db, "Archives", "removedAt", a->id));
        QCOMPARE(Archive::count(), 0);
        QCOMPARE(Archive::count({.paranoid = false}), 1);
        a->restore();
        QVERIFY(rawIsNull(db, "Archives", "removedAt", a->id));
        QCOMPARE(Archive::count(), 1);
    }

    // ---------------------------------------------------------------- soft delete
    void softDestroy_data() { addDialectColumn(); }
    void softDestroy()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        const QDateTime updatedBefore = rawUtc(db, "members", "updated_at", ms[1]->id);
        QTest::qWait(20);
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-5);
        ms[1]->destroy();
        QVERIFY(ms[1]->isSoftDeleted());
        QCOMPARE(rawCount(db, "members"), 3); // the row stays
        const QDateTime deleted = rawUtc(db, "members", "deleted_at", ms[1]->id);
        QVERIFY2(deleted >= before && deleted <= QDateTime::currentDateTimeUtc().addMSecs(5),
                 qPrintable(deleted.toString(Qt::ISODateWithMs)));
        QCOMPARE(ms[1]->get("deletedAt").toDateTime(), deleted);
        QVERIFY(rawUtc(db, "members", "updated_at", ms[1]->id) > updatedBefore);
        QVERIFY(rawIsNull(db, "members", "deleted_at", ms[0]->id));
        QVERIFY(rawIsNull(db, "members", "deleted_at", ms[2]->id));
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NULL)"), 2);
    }

    void findsExcludeSoftDeleted_data() { addDialectColumn(); }
    void findsExcludeSoftDeleted()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        ms[2]->destroy(); // Cy, the oldest
        const qint64 cy = ms[2]->id;
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NOT NULL)"), 1);

        QCOMPARE(firstNames(Member::findAll({.order = {{"id", orm::Asc}}})), QStringLiteral("Ann,Bob"));
        QCOMPARE(firstNames(Member::findAll({.order = {{"id", orm::Asc}}, .paranoid = false})), QStringLiteral("Ann,Bob,Cy"));
        QCOMPARE(firstNames(Member::findAll({.where = {{"age", Op::gte(30)}}})), QStringLiteral("Bob"));
        // A where that mentions deletedAt itself is still combined with the paranoid clause.
        QCOMPARE(Member::findAll({.where = {{"deletedAt", Op::notNull()}}}).size(), 0);
        QCOMPARE(Member::findAll({.where = {{"deletedAt", Op::notNull()}}, .paranoid = false}).size(), 1);
        QCOMPARE(Member::findAll({.where = Where{{"email", "cy@x"}} || Where{{"email", "ann@x"}}}).size(), 1);

        QVERIFY(!Member::findOne({.where = {{"email", "cy@x"}}}));
        QVERIFY(Member::findOne({.where = {{"email", "cy@x"}}, .paranoid = false}));
        QUARRY_EXPECT_THROW(orm::EmptyResultError, Member::findOne({.where = {{"email", "cy@x"}}, .rejectOnEmpty = true}));
        QVERIFY(!Member::findByPk(cy));
        auto found = Member::findByPk(cy, {.paranoid = false});
        QVERIFY(found);
        QVERIFY(found->isSoftDeleted());
        QUARRY_EXPECT_THROW(orm::EmptyResultError, Member::findByPk(cy, {.rejectOnEmpty = true}));

        QCOMPARE(Member::count(), 2);
        QCOMPARE(Member::count({.paranoid = false}), 3);
        QCOMPARE(Member::count({.where = {{"age", Op::gt(25)}}}), 1);
        QCOMPARE(Member::count({.distinct = true, .field = "age"}), 2);
        const auto groups = Member::countGrouped({.group = {"lastName"}});
        QCOMPARE(groups.size(), 2);
        QCOMPARE(Member::countGrouped({.group = {"lastName"}, .paranoid = false}).size(), 3);

        auto page = Member::findAndCountAll({.order = {{"id", orm::Asc}}, .limit = 1});
        QCOMPARE(page.count, 2);
        QCOMPARE(page.rows.size(), 1);
        auto pageAll = Member::findAndCountAll({.order = {{"id", orm::Asc}}, .limit = 10, .paranoid = false});
        QCOMPARE(pageAll.count, 3);
        QCOMPARE(pageAll.rows.size(), 3);

        // Aggregates: Cy's 90 counts only with paranoid = false.
        QCOMPARE(Member::max("age").toInt(), 30);
        QCOMPARE(Member::max("age", {.paranoid = false}).toInt(), 90);
        QCOMPARE(Member::min("age", {.where = {{"age", Op::gt(50)}}}).isNull(), true);
        QCOMPARE(Member::min("age", {.where = {{"age", Op::gt(50)}}, .paranoid = false}).toInt(), 90);
        QCOMPARE(Member::sum("age").toLongLong(), 50);
        QCOMPARE(Member::sum("age", {.paranoid = false}).toLongLong(), 140);
        // Nothing of that wrote anything.
        QCOMPARE(rawCount(db, "members"), 3);
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NOT NULL)"), 1);
    }

    void staticUpdateSkipsSoftDeleted_data() { addDialectColumn(); }
    void staticUpdateSkipsSoftDeleted()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        ms[0]->destroy();
        QCOMPARE(Member::update({{"lastName", "Z"}}, orm::UpdateOptions{}), 2);
        QCOMPARE(rawValue(db, R"(SELECT "last_name" FROM "members" WHERE "id" = ?)", {ms[0]->id}).toString(), QStringLiteral("A"));
        QCOMPARE(rawCount(db, "members", R"("last_name" = 'Z')"), 2);
        QCOMPARE(Member::update({{"lastName", "Y"}}, {.where = {{"email", "ann@x"}}}), 0);
        QCOMPARE(rawValue(db, R"(SELECT "last_name" FROM "members" WHERE "id" = ?)", {ms[0]->id}).toString(), QStringLiteral("A"));
        QCOMPARE(Member::update({{"lastName", "Y"}}, {.where = {{"email", "ann@x"}}, .paranoid = false}), 1);
        QCOMPARE(rawValue(db, R"(SELECT "last_name" FROM "members" WHERE "id" = ?)", {ms[0]->id}).toString(), QStringLiteral("Y"));
        // Still soft-deleted after the update.
        QVERIFY(!rawIsNull(db, "members", "deleted_at", ms[0]->id));
        QCOMPARE(Member::update({{"age", 1}}, {.paranoid = false}), 3);
    }

    // A soft destroy or a restore writes only the timestamps: other pending edits are neither
    // written nor forgotten, they stay changes for the next save.
    void pendingChangesSurviveSoftDestroy_data() { addDialectColumn(); }
    void pendingChangesSurviveSoftDestroy()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        auto ann = ms[0];
        ann->age = 99;
        ann->destroy();
        QVERIFY(!rawIsNull(db, "members", "deleted_at", ann->id));
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "members" WHERE "id" = ?)", {ann->id}).toInt(), 20);
        QCOMPARE(ann->changed(), QStringList{"age"});
        QCOMPARE(ann->previous("age").toInt(), 20);
        ann->lastName = QStringLiteral("Later");
        ann->restore();
        QVERIFY(rawIsNull(db, "members", "deleted_at", ann->id));
        QCOMPARE(rawValue(db, R"(SELECT "last_name" FROM "members" WHERE "id" = ?)", {ann->id}).toString(), QStringLiteral("A"));
        QStringList pending = ann->changed();
        pending.sort();
        QCOMPARE(pending, QStringList({"age", "lastName"}));
        QVERIFY(!ann->changed("deletedAt"));
        ann->save();
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "members" WHERE "id" = ?)", {ann->id}).toInt(), 99);
        QCOMPARE(rawValue(db, R"(SELECT "last_name" FROM "members" WHERE "id" = ?)", {ann->id}).toString(), QStringLiteral("Later"));
        QVERIFY(ann->changed().isEmpty());

        // The same for update(values) and save({.fields}): what was not written stays a change.
        auto bob = ms[1];
        bob->age = 77;
        QTest::qWait(20);
        const QDateTime before = rawUtc(db, "members", "updated_at", bob->id);
        bob->update({{"lastName", "Only"}});
        QCOMPARE(rawValue(db, R"(SELECT "last_name" FROM "members" WHERE "id" = ?)", {bob->id}).toString(), QStringLiteral("Only"));
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "members" WHERE "id" = ?)", {bob->id}).toInt(), 30);
        QVERIFY(rawUtc(db, "members", "updated_at", bob->id) > before);
        QCOMPARE(bob->changed(), QStringList{"age"});
        bob->firstName = QStringLiteral("Robert");
        bob->save({.fields = {"firstName"}});
        QCOMPARE(rawValue(db, R"(SELECT "first_name" FROM "members" WHERE "id" = ?)", {bob->id}).toString(), QStringLiteral("Robert"));
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "members" WHERE "id" = ?)", {bob->id}).toInt(), 30);
        QCOMPARE(bob->changed(), QStringList{"age"});
        bob->save();
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "members" WHERE "id" = ?)", {bob->id}).toInt(), 77);
        QVERIFY(bob->changed().isEmpty());
    }

    // Attributes map to their snake_case columns in where and order too.
    void underscoredQueries_data() { addDialectColumn(); }
    void underscoredQueries()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        makeMembers();
        QCOMPARE(firstNames(Member::findAll({.order = {{"firstName", orm::Desc}}})), QStringLiteral("Cy,Bob,Ann"));
        QCOMPARE(firstNames(Member::findAll({.where = {{"lastName", Op::in({"A", "C"})}}, .order = {{"createdAt", orm::Asc}, {"id", orm::Asc}}})),
                 QStringLiteral("Ann,Cy"));
        QCOMPARE(Member::update({{"firstName", "Bobby"}}, {.where = {{"firstName", "Bob"}}}), 1);
        QCOMPARE(rawCount(db, "members", R"("first_name" = 'Bobby')"), 1);
        QCOMPARE(Member::count({.where = {{"updatedAt", Op::gte(QDateTime::currentDateTimeUtc().addSecs(-60))}}}), 3);
        const auto byLast = Member::countGrouped({.group = {"lastName"}});
        QCOMPARE(byLast.size(), 3);
        QCOMPARE(byLast[0].key.value("lastName").toString(), QStringLiteral("A"));
    }

    void restoreInstance_data() { addDialectColumn(); }
    void restoreInstance()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        ms[1]->destroy();
        QVERIFY(!rawIsNull(db, "members", "deleted_at", ms[1]->id));
        const QDateTime deletedUpdate = rawUtc(db, "members", "updated_at", ms[1]->id);
        QTest::qWait(20);
        ms[1]->restore();
        QVERIFY(rawIsNull(db, "members", "deleted_at", ms[1]->id));
        QVERIFY(!ms[1]->isSoftDeleted());
        QVERIFY(orm::isNullValue(ms[1]->get("deletedAt")));
        QVERIFY(ms[1]->changed().isEmpty());
        QVERIFY(rawUtc(db, "members", "updated_at", ms[1]->id) > deletedUpdate);
        QCOMPARE(Member::count(), 3);
        QCOMPARE(Member::findByPk(ms[1]->id)->firstName, QStringLiteral("Bob"));
        // An instance found with paranoid = false can be restored too.
        ms[2]->destroy();
        auto cy = Member::findByPk(ms[2]->id, {.paranoid = false});
        QVERIFY(cy->isSoftDeleted());
        cy->restore();
        QVERIFY(rawIsNull(db, "members", "deleted_at", ms[2]->id));
        QCOMPARE(Member::count(), 3);
    }

    void restoreStatic_data() { addDialectColumn(); }
    void restoreStatic()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        QCOMPARE(Member::destroy({.truncate = true}), 3); // soft: every row stays
        QCOMPARE(rawCount(db, "members"), 3);
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NULL)"), 0);
        QCOMPARE(Member::count(), 0);

        QCOMPARE(Member::restore({.where = {{"email", "bob@x"}}}), 1);
        QVERIFY(rawIsNull(db, "members", "deleted_at", ms[1]->id));
        QVERIFY(!rawIsNull(db, "members", "deleted_at", ms[0]->id));
        QCOMPARE(Member::restore({.where = {{"email", "bob@x"}}}), 0); // not deleted any more
        QCOMPARE(Member::count(), 1);

        // An empty where is refused unless all = true.
        QUARRY_EXPECT_THROW(orm::QueryError, Member::restore(orm::RestoreOptions{}));
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NULL)"), 1);
        QCOMPARE(Member::restore({.all = true}), 2);
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NULL)"), 3);
        QCOMPARE(Member::count(), 3);
    }

    void staticDestroyIsSoft_data() { addDialectColumn(); }
    void staticDestroyIsSoft()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        QCOMPARE(Member::destroy({.where = {{"age", Op::gte(30)}}}), 2);
        QCOMPARE(rawCount(db, "members"), 3);
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NOT NULL)"), 2);
        QVERIFY(rawIsNull(db, "members", "deleted_at", ms[0]->id));
        const QDateTime firstDelete = rawUtc(db, "members", "deleted_at", ms[1]->id);
        QTest::qWait(20);
        // Already deleted rows are not deleted again: their deleted_at keeps its time.
        QCOMPARE(Member::destroy({.where = {{"age", Op::gte(30)}}}), 0);
        QCOMPARE(rawUtc(db, "members", "deleted_at", ms[1]->id), firstDelete);
        QUARRY_EXPECT_THROW(orm::QueryError, Member::destroy(orm::DestroyOptions{}));
        QCOMPARE(rawCount(db, "members", R"("deleted_at" IS NOT NULL)"), 2);
        // force: a real DELETE, of soft-deleted rows too.
        QCOMPARE(Member::destroy({.where = {{"age", Op::gte(90)}}, .force = true}), 1);
        QCOMPARE(rawCount(db, "members"), 2);
        QCOMPARE(rawCount(db, "members", QStringLiteral("\"id\" = %1").arg(ms[2]->id)), 0);
    }

    void forceDestroy_data() { addDialectColumn(); }
    void forceDestroy()
    {
        QUARRY_OPEN_DB();
        db.define<Member>();
        db.sync();
        auto ms = makeMembers();
        ms[0]->destroy(true);
        QCOMPARE(rawCount(db, "members"), 2);
        QCOMPARE(rawCount(db, "members", QStringLiteral("\"id\" = %1").arg(ms[0]->id)), 0);
        QVERIFY(!Member::findByPk(ms[0]->id, {.paranoid = false}));
        // A soft-deleted row can then be deleted for real.
        ms[1]->destroy();
        QCOMPARE(rawCount(db, "members"), 2);
        ms[1]->destroy(true);
        QCOMPARE(rawCount(db, "members"), 1);
        QCOMPARE(Member::count({.paranoid = false}), 1);
        // The unique email of a really deleted row is free again.
        QVERIFY(Member::create({{"firstName", "Ann2"}, {"email", "ann@x"}})->id > 0);
    }

    void nonParanoid_data() { addDialectColumn(); }
    void nonParanoid()
    {
        QUARRY_OPEN_DB();
        db.define<Note, User>();
        db.sync();
        auto a = Note::create({{"title", "a"}});
        auto b = Note::create({{"title", "b"}});
        QUARRY_EXPECT_THROW(orm::QueryError, a->restore());
        const QString msg = [&] {
            try {
                Note::restore({.all = true});
            } catch (const orm::QueryError &e) {
                return e.message();
            }
            return QStringLiteral("<no QueryError>");
        }();
        QVERIFY2(msg.contains("Note") && msg.contains("paranoid"), qPrintable(msg));
        QUARRY_EXPECT_THROW(orm::QueryError, Note::restore({.where = {{"title", "a"}}}));
        QVERIFY(!a->isSoftDeleted());
        // destroy deletes the row; paranoid = false changes nothing on such a model.
        a->destroy();
        QCOMPARE(rawCount(db, "Notes"), 1);
        QCOMPARE(Note::count({.paranoid = false}), 1);
        QVERIFY(!Note::findByPk(a->id, {.paranoid = false}));
        QCOMPARE(Note::destroy({.where = {{"title", "b"}}}), 1);
        QCOMPARE(rawCount(db, "Notes"), 0);
        Q_UNUSED(b);
        // The seed's User, not paranoid either.
        auto u = User::create({{"firstName", "A"}, {"lastName", "B"}, {"email", "a@b"}});
        QUARRY_EXPECT_THROW(orm::QueryError, u->restore());
        u->destroy();
        QCOMPARE(rawCount(db, "Users"), 0);
    }
};

QTEST_GUILESS_MAIN(TestParanoid)
#include "tst_paranoid.moc"
