// The teaching demo, examples/seed-walkthrough, run as a program on every dialect: it exits
// with 0, prints every section of the seed in order, the results the seed's console.log
// lines promise, the SQL of each step, and its include steps run one SELECT per level (no
// N+1). Its output is stable: two runs print the same text.
#include "TestSupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>

using namespace quarry::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runWalkthrough(const QStringList &args)
{
    Run r;
#ifdef WALKTHROUGH_EXE
    QProcess p;
    p.start(QStringLiteral(WALKTHROUGH_EXE), args);
    if (!p.waitForStarted(30000)) {
        r.err = QStringLiteral("cannot start %1: %2").arg(QStringLiteral(WALKTHROUGH_EXE), p.errorString());
        return r;
    }
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
#else
    Q_UNUSED(args);
#endif
    return r;
}

// The seed's sections, in its order, as the walkthrough heads them.
const QStringList kSections = {
    QStringLiteral("Connecting to the Database"),
    QStringLiteral("Creating Your First Model"),
    QStringLiteral("Model Options"),
    QStringLiteral("One-to-One Association"),
    QStringLiteral("One-to-Many Association"),
    QStringLiteral("Many-to-Many Association"),
    QStringLiteral("Custom Junction Table with Extra Fields"),
    QStringLiteral("Self-Referencing Associations"),
    QStringLiteral("Synchronizing Models with Database"),
    QStringLiteral("Organization Structure"),
    QStringLiteral("Error Handling and Validation"),
    QStringLiteral("Done"),
};

// What the steps must print, whatever the dialect.
const QStringList kResults = {
    QStringLiteral("  => tableName: \"members\" is used as given (User's default is the plural \"Users\")"),
    QStringLiteral("  => underscored: firstName is stored in column first_name, createdAt in created_at"),
    QStringLiteral("  => model Category -> table \"Category\" (not \"Categories\")"),
    QStringLiteral("  => Member.count(): 0; with paranoid: false: 1"),
    QStringLiteral("  => user.firstName: John"),
    QStringLiteral("  => user.Profile.bio: I love coding!"),
    QStringLiteral("  => John has 1 profile: I love coding!"),
    QStringLiteral("  => created 2 posts"),
    QStringLiteral("  => Jane has 4 posts"),
    QStringLiteral("  => Jane has 1 published posts: Fourth Post"),
    QStringLiteral("  => junction table \"UserGroups\": userId, groupId, createdAt, updatedAt"),
    QStringLiteral("  => UserGroups holds 2 rows for John"),
    QStringLiteral("  => User belongs to 2 groups"),
    QStringLiteral("  => Group has 1 members"),
    QStringLiteral("  => John: 0 posts, 2 groups"),
    QStringLiteral("  => Jane: 4 posts, 0 groups"),
    QStringLiteral("  => UserGroups rows kept: 2"),
    QStringLiteral("  => John is in Admins as member (joinedAt NULL: the row predates the column)"),
    QStringLiteral("  => Jane is in Admins as owner (joinedAt <now>)"),
    QStringLiteral("  => junction table \"UserFollowers\": followingId, followerId, createdAt, updatedAt"),
    QStringLiteral("  => John's followers: (nobody)"),
    QStringLiteral("  => John is following: Jane"),
    QStringLiteral("  => John follows Jane"),
    QStringLiteral("  => Jane's followers: John"),
    QStringLiteral("  => rows: Users 2, Posts 4, UserGroups 3"),
    QStringLiteral("  => rows: Users 0, Posts 0, UserGroups 0"),
    QStringLiteral("  => rows: Users 2, Posts 1, UserGroups 1"),
    QStringLiteral("  => Database synchronized successfully"),
    QStringLiteral("  => caught orm::UniqueConstraintError on User (fields: email)"),
    QStringLiteral("  => caught orm::ValidationError with 2 items (no SQL ran: checked before the INSERT)"),
    QStringLiteral("  => User.lastName [notNull]: User.lastName cannot be null"),
    QStringLiteral("  => User.email [notNull]: User.email cannot be null"),
};

// The lines of the step whose title starts with title: up to the next step or section.
QStringList stepLines(const QStringList &lines, const QString &title)
{
    QStringList out;
    bool in = false;
    for (const QString &l : lines) {
        if (l.startsWith(QLatin1String("* ")) || l.startsWith(QLatin1String("== "))) {
            if (in)
                break;
            in = l.startsWith(QLatin1String("* ") + title);
        }
        if (in)
            out.append(l);
    }
    return out;
}

QStringList sqlLines(const QStringList &step, const QString &verb = {})
{
    QStringList out;
    for (const QString &l : step)
        if (l.startsWith(QLatin1String("  SQL> ") + verb))
            out.append(l);
    return out;
}

QStringList headings(const QStringList &lines)
{
    QStringList out;
    for (const QString &l : lines)
        if (l.startsWith(QLatin1String("== ")) && l.endsWith(QLatin1String(" ==")))
            out.append(l.mid(3, l.size() - 6));
    return out;
}

// What the output must not hold so that a test can compare it: times and durations.
void verifyStable(const QString &out)
{
    static const QRegularExpression stamp(QStringLiteral(R"(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})"));
    static const QRegularExpression duration(QStringLiteral(R"(\b\d+(\.\d+)?\s?(ms|us|µs)\b)"));
    const auto m = stamp.match(out);
    QVERIFY2(!m.hasMatch(), qPrintable(QStringLiteral("a timestamp in the output: ") + m.captured()));
    const auto d = duration.match(out);
    QVERIFY2(!d.hasMatch(), qPrintable(QStringLiteral("a duration in the output: ") + d.captured()));
}

#define REQUIRE_EXE()                                                                                                  \
    do {                                                                                                               \
        if (QStringLiteral(WALKTHROUGH_EXE_OR_EMPTY).isEmpty())                                                        \
            QSKIP("seed-walkthrough is not built (QUARRY_BUILD_EXAMPLES=OFF)");                                        \
    } while (false)

#ifdef WALKTHROUGH_EXE
#define WALKTHROUGH_EXE_OR_EMPTY WALKTHROUGH_EXE
#else
#define WALKTHROUGH_EXE_OR_EMPTY ""
#endif

} // namespace

class TestWalkthrough : public QObject
{
    Q_OBJECT
private slots:
    void walkthrough_data() { addDialectColumn(); }
    void walkthrough()
    {
        REQUIRE_EXE();
        QFETCH(QString, dialect);
        QTemporaryDir tmp;
        QString url;
        if (dialect == QLatin1String("sqlite")) {
            url = QStringLiteral("sqlite:") + tmp.filePath(QStringLiteral("walkthrough.db"));
        } else {
            // A new, empty database (quarry_<appname>, as TestSupport names it), then its URL
            // with the credentials for the program.
            try {
                orm::Database db = openDatabase(dialect);
                db.close();
            } catch (const std::exception &e) {
                QFAIL(qPrintable(QStringLiteral("cannot open %1: %2").arg(dialect, QString::fromUtf8(e.what()))));
            }
            QUrl u(urlFor(dialect));
            u.setPath(QStringLiteral("/quarry_") + QCoreApplication::applicationName().toLower().remove(QLatin1Char('-')));
            url = u.toString();
        }

        const Run r = runWalkthrough({QStringLiteral("--db"), url});
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit code %1; stderr: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'));

        // Every section, in the seed's order, and nothing else.
        QCOMPARE(headings(lines), kSections);
        QVERIFY(r.out.contains(QStringLiteral("  => connected: dialect %1, ").arg(dialect)));
        QVERIFY(r.out.contains(QStringLiteral("Every section of the seed ran on %1.").arg(dialect)));

        // The results, each once, in the order of kResults.
        qsizetype at = 0;
        for (const QString &expected : kResults) {
            const qsizetype found = lines.indexOf(expected, at);
            QVERIFY2(found >= 0, qPrintable(QStringLiteral("missing (or out of order): ") + expected));
            at = found + 1;
        }

        // Each step shows the seed's line it mirrors and the SQL it ran, with bound values.
        QVERIFY(r.out.contains(QStringLiteral("  // JS: const profile2 = await user.createProfile(")));
        QVERIFY(r.out.contains(QStringLiteral("  // JS: await john.addFollowing(jane);")));
        QVERIFY(sqlLines(lines, QStringLiteral("CREATE TABLE")).size() >= 6);
        const QStringList inserts = sqlLines(lines, QStringLiteral("INSERT INTO"));
        QVERIFY(!inserts.isEmpty());
        QVERIFY2(inserts.first().contains(QStringLiteral("-- bind: 'Ada', 'Lovelace', 'ada@example.com', <now>, <now>")),
                 qPrintable(inserts.first()));
        static const QRegularExpression selectIn(QStringLiteral(R"(^  SQL> SELECT .* IN \(\?(, \?)*\))"));
        QVERIFY(!lines.filter(selectIn).isEmpty());

        // The unique violation shows its failed INSERT; the notNull check runs before any SQL.
        const QStringList unique = stepLines(lines, QStringLiteral("A second user with John's email"));
        QCOMPARE(sqlLines(unique, QStringLiteral("INSERT INTO")).size(), 1);
        QVERIFY(sqlLines(unique).first().endsWith(QStringLiteral("-- failed")));
        QCOMPARE(sqlLines(stepLines(lines, QStringLiteral("A user without lastName and email"))).size(), 0);

        // Eager loading: one SELECT for the parents and one per include, the include ones
        // with an IN list (no N+1).
        const QList<std::pair<QString, int>> includeSteps = {
            {QStringLiteral("Find John with his profile (include Profile)"), 2},
            {QStringLiteral("Find Jane with her posts (include Post)"), 2},
            {QStringLiteral("Filter the included posts (include Post where published)"), 2},
            {QStringLiteral("Find the user with their groups (include Group)"), 2},
            {QStringLiteral("Find a group with its users (include User)"), 2},
            {QStringLiteral("Load every user with posts and groups (eager loading, no N+1)"), 3},
            {QStringLiteral("Read the junction rows back"), 2},
        };
        for (const auto &[title, selects] : includeSteps) {
            const QStringList step = stepLines(lines, title);
            QVERIFY2(!step.isEmpty(), qPrintable(QStringLiteral("no step ") + title));
            const QStringList sql = sqlLines(step);
            QVERIFY2(sql.size() == selects && sqlLines(step, QStringLiteral("SELECT")).size() == selects,
                     qPrintable(QStringLiteral("%1: expected %2 SELECTs, got:\n%3").arg(title).arg(selects).arg(sql.join('\n'))));
            QCOMPARE(sql.filter(selectIn).size(), selects - 1);
        }

        // alter keeps the rows: in the custom junction and in the sync section.
        QVERIFY(sqlLines(stepLines(lines, QStringLiteral("Bring the tables up to date")), QStringLiteral("ALTER TABLE")).size() >= 1);
        verifyStable(r.out);

        // A second run on the same database refuses clearly instead of colliding; --reset
        // drops the walkthrough's tables and runs again.
        const Run again = runWalkthrough({QStringLiteral("--quiet-sql"), url});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("already has a \"Users\" table")), qPrintable(again.err));
        const Run reset = runWalkthrough({QStringLiteral("--reset"), QStringLiteral("--db"), url});
        QVERIFY2(reset.exitCode == 0, qPrintable(reset.err));
        QCOMPARE(reset.out, r.out);
    }

    // With no argument: a fresh SQLite file in a temporary directory, the same text each run.
    void defaultIsStable()
    {
        REQUIRE_EXE();
        const Run first = runWalkthrough({});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY(first.out.contains(QStringLiteral("  => connected: dialect sqlite, sqlite:<tmpdir>/walkthrough.db")));
        const Run second = runWalkthrough({});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(second.out, first.out);
        verifyStable(first.out);
        QCOMPARE(headings(first.out.split(QLatin1Char('\n'))), kSections);
    }

    void quietSqlAndMemory()
    {
        REQUIRE_EXE();
        const Run loud = runWalkthrough({});
        const Run quiet = runWalkthrough({QStringLiteral("--quiet-sql")});
        QVERIFY2(quiet.exitCode == 0, qPrintable(quiet.err));
        QVERIFY(!quiet.out.contains(QStringLiteral("SQL>")));
        QStringList withoutSql = loud.out.split(QLatin1Char('\n'));
        withoutSql.removeIf([](const QString &l) { return l.startsWith(QLatin1String("  SQL> ")) || l.startsWith(QLatin1String("       ")) ; });
        QStringList quietLines = quiet.out.split(QLatin1Char('\n'));
        quietLines.removeIf([](const QString &l) { return l.startsWith(QLatin1String("       ")); });
        QCOMPARE(quietLines, withoutSql);

        const Run memory = runWalkthrough({QStringLiteral("--memory")});
        QVERIFY2(memory.exitCode == 0, qPrintable(memory.err));
        QVERIFY(memory.out.contains(QStringLiteral("  => connected: dialect sqlite, sqlite::memory:")));
        QCOMPARE(headings(memory.out.split(QLatin1Char('\n'))), kSections);
        QVERIFY(memory.out.contains(QStringLiteral("  => John follows Jane")));
    }

    void failureIsReported()
    {
        REQUIRE_EXE();
        const Run r = runWalkthrough({QStringLiteral("--db"), QStringLiteral("postgres://nobody:secret@127.0.0.1:1/none")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("orm::ConnectionError")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("secret")), qPrintable(r.err));
        const Run bad = runWalkthrough({QStringLiteral("--memory"), QStringLiteral("sqlite:x.db")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY(!bad.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
