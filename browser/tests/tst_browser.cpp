// The model browser's widgets over the demo database, offscreen. SQLite only: the browser
// reaches the database through the ORM's public API, which tests/ checks on every dialect.
#include "DemoDatabase.h"
#include "GapMeter.h"
#include "DiagramView.h"
#include "IncludeTreeWidget.h"
#include "MainWindow.h"
#include "ModelFile.h"
#include "ModelTreeWidget.h"
#include "NavigationHistory.h"
#include "RecordsView.h"
#include "SchemaIntrospector.h"
#include "SqlLogWidget.h"
#include "Translations.h"

#include <orm/Orm.h>
#include <QCheckBox>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QAction>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QMenuBar>
#include <QProcess>
#include <QSet>
#include <QTreeWidget>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QProgressBar>
#include <QtTest>
#include <atomic>

using namespace quarry::browser;
using namespace Qt::StringLiterals;

class TestBrowser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    orm::Database openDemo()
    {
        return DemoDatabase::open(u"sqlite:"_s + m_dir.filePath(u"demo%1.sqlite"_s.arg(++m_n)));
    }
    static QVariant scalar(const orm::Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            return QVariant(u"<query failed: %1>"_s.arg(sql));
        return q.value(0);
    }
    // The model counts and reads on a worker: wait until it has.
    static bool settle(RecordsModel *m)
    {
        return QTest::qWaitFor([m] { return !m->isLoading() && m->totalCount() >= 0; }, 20000);
    }
    // The include tree loads on a worker: wait until it shows its answer.
    static bool loaded(IncludeTreeWidget *inc)
    {
        return QTest::qWaitFor([inc] { return !inc->isLoading(); }, 20000);
    }
    static int rowOf(RecordsModel *m, const QString &attribute, const QVariant &value)
    {
        settle(m);
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->value(r, attribute) == value)
                return r;
        return -1;
    }
    static QStringList edgeSignatures(const SchemaGraph &g)
    {
        QStringList out;
        for (const GraphEdge &e : g.edges)
            out << u"%1>%2 %3"_s.arg(e.from, e.to, e.cardinalityText());
        out.sort();
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void diagramHoldsEveryModelEdgeAndJunction()
    {
        MainWindow w(openDemo());
        DiagramView *d = w.diagram();
        d->waitForLayout();
        QVERIFY(d->usedGraphviz());
        QCOMPARE(d->modelBoxes(), (QStringList{u"Group"_s, u"Post"_s, u"Profile"_s, u"User"_s, u"UserFollowers"_s, u"UserGroup"_s}));
        QCOMPARE(d->junctionBoxes(), (QStringList{u"UserFollowers"_s, u"UserGroup"_s}));
        QCOMPARE(edgeSignatures(d->graph()),
                 (QStringList{u"Group>UserGroup 1–N"_s, u"User>Post 1–N"_s, u"User>Profile 1–1"_s,
                              u"User>UserFollowers 1–N"_s, u"User>UserFollowers 1–N"_s, u"User>UserGroup 1–N"_s}));
        QCOMPARE(d->edgeCount(), 6);
        // The inverse associations are merged into their edges.
        for (const GraphEdge &e : d->graph().edges)
            if (e.to == "Post"_L1)
                QCOMPARE(e.associations, (QStringList{u"User.Posts"_s, u"Post.User"_s}));
        // PK and FK marks come from the metadata.
        const GraphNode *post = d->graph().node(u"Post"_s);
        QVERIFY(post);
        QVERIFY(post->paranoid);
        bool fk = false, pk = false;
        for (const GraphColumn &c : post->columns) {
            fk |= c.name == "userId"_L1 && c.foreignKey;
            pk |= c.name == "id"_L1 && c.primaryKey;
        }
        QVERIFY(fk && pk);
    }

    void collapseToggle()
    {
        MainWindow w(openDemo());
        DiagramView *d = w.diagram();
        d->waitForLayout();
        d->setCollapseJunctions(true);
        QVERIFY(d->isLayoutPending()); // the boxes are there at once, the edges follow the layout
        d->waitForLayout();
        QCOMPARE(d->modelBoxes(), (QStringList{u"Group"_s, u"Post"_s, u"Profile"_s, u"User"_s}));
        QVERIFY(d->junctionBoxes().isEmpty());
        QCOMPARE(edgeSignatures(d->graph()),
                 (QStringList{u"User>Group N–M"_s, u"User>Post 1–N"_s, u"User>Profile 1–1"_s, u"User>User N–M"_s}));
        QCOMPARE(d->edgeCount(), 4);
        int loops = 0;
        for (const GraphEdge &e : d->graph().edges)
            loops += e.isLoop() ? 1 : 0;
        QCOMPARE(loops, 1); // Followers/Following: a loop on User
        d->setCollapseJunctions(false);
        QCOMPARE(d->modelBoxes().size(), 6);
        QTRY_VERIFY(!d->isLayoutPending()); // applied from the event loop, as in the application
        QCOMPARE(d->edgeCount(), 6);
    }

    void selectingABoxSelectsTheModelEverywhere()
    {
        MainWindow w(openDemo());
        QGraphicsItem *group = nullptr;
        for (QGraphicsItem *item : w.diagram()->scene()->items())
            if (item->data(0).toString() == "Group"_L1)
                group = item;
        QVERIFY(group);
        group->setSelected(true);
        QCOMPARE(w.currentModel(), u"Group"_s);
        QCOMPARE(w.modelTree()->selectedModel(), u"Group"_s);
        QCOMPARE(w.records()->modelName(), u"Group"_s);
        w.modelTree()->setCurrentItem(w.modelTree()->modelItem(u"Post"_s)->child(0));
        QCOMPARE(w.diagram()->selectedModel(), u"Post"_s);
        QCOMPARE(w.records()->modelName(), u"Post"_s);
    }

    void modelTreeShowsMetadata()
    {
        MainWindow w(openDemo());
        QTreeWidgetItem *user = w.modelTree()->modelItem(u"User"_s);
        QVERIFY(user);
        QStringList texts;
        std::function<void(QTreeWidgetItem *)> walk = [&](QTreeWidgetItem *i) {
            texts << i->text(0) + u' ' + i->text(1);
            for (int c = 0; c < i->childCount(); ++c)
                walk(i->child(c));
        };
        walk(user);
        const QString all = texts.join(u'\n');
        QVERIFY2(all.contains("validators: isEmail"_L1), qPrintable(all));
        QVERIFY(all.contains("Followers belongsToMany User"_L1));
        QVERIFY(all.contains("UserFollowers (automatic)"_L1));
        QVERIFY(all.contains("addFollower"_L1));
    }

    void softDeleteRestoreAndPermanentDelete()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        w.selectModel(u"Post"_s);
        RecordsView *v = w.records();
        RecordsModel *m = v->recordsModel();
        QTRY_COMPARE(m->rowCount(), 3); // the soft-deleted draft is hidden
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts"_s).toInt(), 4);

        int row = rowOf(m, u"title"_s, u"Hello World"_s);
        QVERIFY(row >= 0);
        v->selectRow(row);
        QSignalSpy done(v, &RecordsView::actionFinished); // the actions write on a worker
        QCOMPARE(v->softDeleteSelected(), 1);
        QVERIFY(done.wait(20000));
        QVERIFY(!scalar(db, u"SELECT deletedAt FROM Posts WHERE title = 'Hello World'"_s).isNull());
        QTRY_COMPARE(m->rowCount(), 2);

        v->setShowDeleted(true);
        QTRY_COMPARE(m->rowCount(), 4);
        row = rowOf(m, u"title"_s, u"Hello World"_s);
        QVERIFY(m->isDeleted(row));
        QVERIFY(m->data(m->index(row, 0), Qt::FontRole).value<QFont>().italic());
        v->selectRow(row);
        done.clear();
        QCOMPARE(v->restoreSelected(), 1);
        QVERIFY(done.wait(20000));
        QVERIFY(scalar(db, u"SELECT deletedAt FROM Posts WHERE title = 'Hello World'"_s).isNull());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts WHERE deletedAt IS NULL"_s).toInt(), 3);

        // Delete permanently asks first; "no" keeps the row.
        QString asked;
        v->setConfirmation([&](const QString &, const QString &text) { asked = text; return false; });
        row = rowOf(m, u"title"_s, u"Old draft"_s);
        QVERIFY(m->isDeleted(row));
        v->selectRow(row);
        done.clear();
        QCOMPARE(v->deleteSelectedPermanently(), 1);
        QVERIFY(done.wait(20000));
        QVERIFY(done.first().at(3).toBool()); // declined
        QVERIFY(asked.contains("permanently"_L1));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts WHERE title = 'Old draft'"_s).toInt(), 1);
        v->setConfirmation([](const QString &, const QString &) { return true; });
        v->selectRow(rowOf(m, u"title"_s, u"Old draft"_s));
        done.clear();
        QCOMPARE(v->deleteSelectedPermanently(), 1);
        QVERIFY(done.wait(20000));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts WHERE title = 'Old draft'"_s).toInt(), 0);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts"_s).toInt(), 3);
        QTRY_COMPARE(m->rowCount(), 3);
        // The SQL log saw the statements.
        QTRY_VERIFY(w.sqlLog()->toPlainText().contains("DELETE FROM"_L1));
    }

    void permanentDeleteListsForeignKeyActions()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        w.selectModel(u"User"_s);
        RecordsView *v = w.records();
        QString asked;
        v->setConfirmation([&](const QString &, const QString &text) { asked = text; return false; });
        v->selectRow(rowOf(v->recordsModel(), u"firstName"_s, u"John"_s));
        QSignalSpy done(v, &RecordsView::actionFinished); // the counts run on a worker
        QCOMPARE(v->deleteSelectedPermanently(), 1);
        QVERIFY(done.wait(20000));
        QVERIFY2(asked.contains("Post"_L1) && asked.contains("UserGroup"_L1), qPrintable(asked));
        // Each referencing model with what its key's ON DELETE does, and how many rows.
        const QString john = scalar(db, u"SELECT id FROM Users WHERE firstName = 'John'"_s).toString();
        const int posts = scalar(db, u"SELECT COUNT(*) FROM Posts WHERE userId = %1"_s.arg(john)).toInt();
        const int links = scalar(db, u"SELECT COUNT(*) FROM UserGroups WHERE userId = %1"_s.arg(john)).toInt();
        QVERIFY(posts > 0 && links > 0);
        QVERIFY2(asked.contains(u"unlinks %1 row(s) of Post (userId set to NULL)"_s.arg(posts)), qPrintable(asked));
        QVERIFY2(asked.contains(u"deletes %1 row(s) of UserGroup (userId ON DELETE CASCADE)"_s.arg(links)), qPrintable(asked));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Users"_s).toInt(), 2);
    }

    void showDeletedToggle()
    {
        MainWindow w(openDemo());
        w.selectModel(u"Post"_s);
        RecordsView *v = w.records();
        QVERIFY(v->showDeletedToggle()->isVisibleTo(v));
        QTRY_COMPARE(v->recordsModel()->rowCount(), 3);
        v->showDeletedToggle()->click();
        QTRY_COMPARE(v->recordsModel()->rowCount(), 4);
        const int draft = rowOf(v->recordsModel(), u"title"_s, u"Old draft"_s);
        QVERIFY(v->recordsModel()->isDeleted(draft));
        QVERIFY(v->recordsModel()->value(draft, u"deletedAt"_s).isValid());
        v->showDeletedToggle()->click();
        QTRY_COMPARE(v->recordsModel()->rowCount(), 3);
        QCOMPARE(rowOf(v->recordsModel(), u"title"_s, u"Old draft"_s), -1);
        // not on a model that is not paranoid
        w.selectModel(u"User"_s);
        QVERIFY(!v->showDeletedToggle()->isVisibleTo(v));
    }

    void recordsArePagedLazily()
    {
        const orm::Database db = openDemo();
        const orm::ModelHandle tags = orm::Database(db).define(u"Tag"_s, {{u"name"_s, u"STRING"_s}});
        tags.sync();
        QList<QVariantMap> rows;
        for (int i = 0; i < 1000; ++i)
            rows.append({{u"name"_s, u"tag%1"_s.arg(i)}});
        tags.bulkCreate(rows);
        // Counted and the first page read on a worker; later pages when a row is asked for.
        RecordsModel m;
        m.setPageSize(100);
        m.setModelHandle(tags);
        QVERIFY(settle(&m));
        QCOMPARE(m.totalCount(), 1000);
        QCOMPARE(m.rowCount(), 1000);
        QCOMPARE(m.residentRowCount(), 100);
        QVERIFY(!m.isResident(150));
        QCOMPARE(m.data(m.index(150, 1)).toString(), u"…"_s); // a placeholder until the page arrives
        QTRY_VERIFY(m.isResident(150));
        QCOMPARE(m.value(150, u"name"_s).toString(), u"tag150"_s);
        QCOMPARE(m.residentRowCount(), 200);
    }

    void introspectionGivesModelsAndAssociations()
    {
        const QString file = m_dir.filePath(u"introspect.sqlite"_s);
        { DemoDatabase::open(u"sqlite:"_s + file).close(); }
        orm::Database db = orm::Database::open(u"sqlite:"_s + file);
        SchemaIntrospector in;
        const QStringList models = in.defineModels(db);
        QVERIFY2(in.warnings().isEmpty(), qPrintable(in.warnings().join(u'\n')));
        QCOMPARE(models, (QStringList{u"Groups"_s, u"Posts"_s, u"Profiles"_s, u"UserFollowers"_s, u"UserGroups"_s, u"Users"_s}));
        const orm::ModelMeta &posts = db.model(u"Posts"_s).meta();
        QVERIFY(posts.field(u"userId"_s) && posts.field(u"userId"_s)->references);
        QStringList kinds;
        for (const orm::AssociationMeta &a : db.model(u"Users"_s).meta().associations)
            kinds << orm::associationKindName(a.kind) + u' ' + a.target;
        kinds.sort();
        QVERIFY2(kinds.contains("hasMany Posts"_L1) && kinds.contains("belongsToMany Groups"_L1), qPrintable(kinds.join(u", "_s)));
        QCOMPARE(kinds.count(u"belongsToMany Users"_s), 2); // followers, both ways
        MainWindow w(db);
        w.diagram()->waitForLayout();
        QCOMPARE(w.diagram()->junctionBoxes(), (QStringList{u"UserFollowers"_s, u"UserGroups"_s}));
        w.selectModel(u"Posts"_s);
        QTRY_COMPARE(w.records()->recordsModel()->rowCount(), 3); // deletedAt: introspected as paranoid
    }

    void exportsPngAndSvg()
    {
        MainWindow w(openDemo());
        const QString png = m_dir.filePath(u"diagram.png"_s), svg = m_dir.filePath(u"diagram.svg"_s);
        QVERIFY(w.diagram()->exportPng(png));
        QVERIFY(w.diagram()->exportSvg(svg));
        // Not an empty canvas: the PNG has the boxes' colours, the SVG their model names.
        const QImage image(png);
        QVERIFY(!image.isNull());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        for (const char *model : {"User", "Profile", "Post", "Group", "UserGroup", "UserFollowers"})
            QVERIFY2(text.contains(model), model);
    }

    void screenshotModeWritesAPng()
    {
        const QString png = m_dir.filePath(u"shot.png"_s);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BROWSER_EXE), {u"--memory"_s, u"--screenshot"_s, png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed(), png);
        QVERIFY(QFileInfo(png).size() > 0);
        const QImage image(png);
        QVERIFY(image.width() >= 800 && image.height() >= 500);
    }

    void langOptionChoosesTheLanguage()
    {
        const QString png = m_dir.filePath(u"shot-de.png"_s);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"LANG"_s, u"en_US.UTF-8"_s); // the option, not the locale, decides
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BROWSER_EXE), {u"--memory"_s, u"--lang"_s, u"de"_s, u"--screenshot"_s, png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QString log = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(log.contains("interface language \"de\""_L1), qPrintable(log));
        p.start(QStringLiteral(BROWSER_EXE), {u"--memory"_s, u"--lang"_s, u"xx"_s, u"--screenshot"_s, png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0); // no such language: said, then English
        const QString said = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(said.contains("No translation for the language xx; using English."_L1), qPrintable(said));
    }

    void missingServerGivesAMessage()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BROWSER_EXE), {u"--db"_s, u"nosuchdialect://x"_s, u"--screenshot"_s, m_dir.filePath(u"no.png"_s)});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(QString::fromLocal8Bit(p.readAllStandardError()).contains("Cannot connect to the database"_L1));
    }

    // --- Opening a database: clear messages, exit code 1, never a crash -------------------
    void openingErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString corrupt = m_dir.filePath(u"corrupt.sqlite"_s);
        QFile f(corrupt);
        if (f.open(QIODevice::WriteOnly))
            f.write(QByteArray(4096, 'x'));
        f.close();
        const QString badJson = m_dir.filePath(u"bad.json"_s);
        QFile j(badJson);
        if (j.open(QIODevice::WriteOnly))
            j.write("{ \"models\": [ { \"name\": \"A\", ");
        j.close();
        QTest::newRow("missing file") << QStringList{u"--db"_s, u"sqlite:"_s + m_dir.filePath(u"nope.sqlite"_s)}
                                      << u"does not exist"_s;
        QTest::newRow("corrupt file") << QStringList{u"--db"_s, u"sqlite:"_s + corrupt} << u"not an SQLite database, or it is corrupt"_s;
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        QTest::newRow("no postgres") << QStringList{u"--db"_s, u"postgres://u:p@127.0.0.1:1/x"_s} << u"Cannot connect to the database"_s;
        QTest::newRow("no mariadb") << QStringList{u"--db"_s, u"mariadb://u:p@127.0.0.1:1/x"_s} << u"Cannot connect to the database"_s;
        QTest::newRow("bad models file") << QStringList{u"--models"_s, badJson} << u"is not valid JSON"_s;
        QTest::newRow("missing models file") << QStringList{u"--models"_s, m_dir.filePath(u"none.json"_s)}
                                             << u"Cannot read the model file"_s;
    }
    void openingErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        p.setProcessEnvironment(env);
        const QString png = m_dir.filePath(u"never.png"_s);
        p.start(QStringLiteral(BROWSER_EXE), args + QStringList{u"--lang"_s, u"en"_s, u"--screenshot"_s, png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // no crash
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(message), qPrintable(err));
        QVERIFY(!QFileInfo::exists(png));
        if (QTest::currentDataTag() == QByteArray("missing file")) // no empty database left behind
            QVERIFY(!QFileInfo::exists(args.at(1).mid(7)));
    }

    // --- Include tree and history ---------------------------------------------------------
    void includeTreeListsJohnsAssociations()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        const QVariant john = scalar(db, u"SELECT id FROM Users WHERE firstName = 'John'"_s);
        w.showRecord({u"User"_s, john});
        IncludeTreeWidget *inc = w.includeTree();
        QVERIFY(loaded(inc));
        std::atomic<int> statements = 0; // the listener runs on the worker
        const int listener = db.addListener([&](const orm::SqlEvent &) { ++statements; });
        QSignalSpy done(inc, &IncludeTreeWidget::loaded);
        inc->reload();
        QVERIFY(inc->isLoading());
        QVERIFY(!inc->busyIndicator()->isHidden());
        QVERIFY(done.wait(20000));
        QVERIFY(!inc->isLoading());
        QVERIFY(inc->busyIndicator()->isHidden());
        db.removeListener(listener);
        QCOMPARE(inc->record().model, u"User"_s);
        QCOMPARE(inc->includedPaths(), (QStringList{u"Profile"_s, u"Posts"_s, u"Groups"_s, u"Followers"_s, u"Following"_s}));
        const QString text = inc->resultLines().join(u'\n');
        QVERIFY2(text.contains("Profile (1)"_L1) && text.contains("Writes C++ and rides bikes."_L1), qPrintable(text));
        QVERIFY2(text.contains("Posts (2)"_L1) && text.contains("Hello World"_L1) && text.contains("Associations in Quarry"_L1), qPrintable(text));
        QVERIFY2(text.contains("Groups (2)"_L1), qPrintable(text));
        QVERIFY2(text.contains("Followers (0)"_L1) && text.contains("Following (1)"_L1), qPrintable(text));
        // junction attributes of the belongsToMany links
        QVERIFY2(text.contains("Admins People who run the site | role=admin, joinedAt="_L1) && text.contains("Users Everyone | role=member"_L1), qPrintable(text));
        QCOMPARE(inc->includedRecords(u"Groups"_s).size(), 2);
        QCOMPARE(inc->includedRecords(u"Following"_s).value(0).primaryKey,
                 scalar(db, u"SELECT id FROM Users WHERE firstName = 'Jane'"_s));
        // the records pane selects John's row (its page loads asynchronously)
        QCOMPARE(w.currentModel(), u"User"_s);
        // The record, then each included association with one query (no count: each has
        // fewer records than the tree lists), whatever the number of related records: no N+1.
        QCOMPARE(statements.load(), 1 + 5);

        // Nested: Groups -> Users (the other members), still one query.
        statements = 0;
        const int l2 = db.addListener([&](const orm::SqlEvent &) { ++statements; });
        inc->setIncluded(u"Groups/Users"_s, true);
        QVERIFY(loaded(inc));
        db.removeListener(l2);
        QVERIFY(inc->isIncluded(u"Groups/Users"_s));
        QCOMPARE(statements.load(), 1 + 5 + 1); // the members of both groups in one more query, not one per group
        QCOMPARE(inc->includes().at(2).association, u"Groups"_s);
        QCOMPARE(inc->includes().at(2).include.value(0).association, u"Users"_s);
        const QStringList lines = inc->resultLines();
        QVERIFY2(lines.join(u'\n').contains("Users (2)"_L1), qPrintable(lines.join(u'\n'))); // Users group: John and Jane
        // unticking a parent drops its nested include
        inc->setIncluded(u"Groups"_s, false);
        QVERIFY(loaded(inc));
        QVERIFY(!inc->isIncluded(u"Groups/Users"_s));
        QVERIFY(!inc->resultLines().join(u'\n').contains("Groups ("_L1));
        QVERIFY(inc->resultLines().join(u'\n').contains("Posts (2)"_L1));
    }

    // A record with 20,000 children: the tree loads on a worker while the GUI thread keeps
    // serving a 10 ms timer, lists the first maxChildren() of them with the true count on the
    // association's line and the rest as one "… and K more" line.
    void includeTreeBoundsManyChildrenWithoutBlocking()
    {
        const orm::Database db = openDemo();
        const QVariant john = scalar(db, u"SELECT id FROM Users WHERE firstName = 'John'"_s);
        const QVariant stamp = scalar(db, u"SELECT createdAt FROM Posts LIMIT 1"_s);
        QCOMPARE(db.execute(u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                            "INSERT INTO Posts (title, content, published, userId, createdAt, updatedAt) "
                            "SELECT 'Bulk ' || i, 'Many', 0, ?, ?, ? FROM n"_s,
                            {john, stamp, stamp}),
                 qint64(20000));
        const qint64 posts = scalar(db, u"SELECT COUNT(*) FROM Posts WHERE userId = %1 AND deletedAt IS NULL"_s.arg(john.toString())).toLongLong();
        QVERIFY(posts > 20000);
        MainWindow w(db);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        IncludeTreeWidget *inc = w.includeTree();
        QCOMPARE(inc->maxChildren(), 100);
        w.showRecord({u"User"_s, john});
        QVERIFY(loaded(inc));

        GapMeter gaps;
        QElapsedTimer clock;
        clock.start();
        inc->reload();
        QVERIFY2(clock.elapsed() < 100, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(inc->isLoading());
        QVERIFY(!inc->busyIndicator()->isHidden());
        QVERIFY(inc->includedRecords(u"Posts"_s).isEmpty()); // nothing stale while it loads
        QVERIFY(loaded(inc));
        qInfo("include tree of %lld posts: %lld ms, longest GUI gap %lld ms", posts, clock.elapsed(), gaps.maxGapMs());
        QVERIFY2(gaps.maxGapMs() < 250, qPrintable(QString::number(gaps.maxGapMs())));

        const QString text = inc->resultLines().join(u'\n');
        QVERIFY2(text.contains(u"Posts (%1)"_s.arg(posts)), qPrintable(text.left(2000)));
        QVERIFY2(text.contains(u"… and %1 more"_s.arg(posts - 100)), qPrintable(text.right(2000)));
        const QList<RecordLocation> listed = inc->includedRecords(u"Posts"_s);
        QCOMPARE(listed.size(), 100);
        // the first ones by key
        QCOMPARE(listed.first().primaryKey, scalar(db, u"SELECT MIN(id) FROM Posts WHERE userId = %1 AND deletedAt IS NULL"_s.arg(john.toString())));
        QCOMPARE(listed.last().primaryKey,
                 scalar(db, u"SELECT id FROM Posts WHERE userId = %1 AND deletedAt IS NULL ORDER BY id LIMIT 1 OFFSET 99"_s.arg(john.toString())));
        // the other associations are complete
        QVERIFY2(text.contains("Groups (2)"_L1) && text.contains("Profile (1)"_L1), qPrintable(text.left(2000)));
        QCOMPARE(inc->includedRecords(u"Groups"_s).size(), 2);

        // A smaller bound per association, and on the whole tree: the counts stay exact.
        inc->setMaxChildren(10);
        inc->setMaxRecords(12);
        inc->reload();
        QVERIFY(loaded(inc));
        const QString small = inc->resultLines().join(u'\n');
        QVERIFY2(small.contains(u"Posts (%1)"_s.arg(posts)) && small.contains(u"… and %1 more"_s.arg(posts - 10)), qPrintable(small));
        QCOMPARE(inc->includedRecords(u"Posts"_s).size(), 10);
        int records = 0;
        for (const QString &path : inc->includedPaths())
            records += int(inc->includedRecords(path).size());
        QCOMPARE(records, 12);
        QVERIFY2(small.contains("Followers (0)"_L1) && small.contains("Following (1)"_L1), qPrintable(small));
    }

    // Results of an older request are dropped when a newer one was started.
    void includeTreeDropsStaleAnswers()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        IncludeTreeWidget *inc = w.includeTree();
        const QVariant john = scalar(db, u"SELECT id FROM Users WHERE firstName = 'John'"_s);
        const QVariant jane = scalar(db, u"SELECT id FROM Users WHERE firstName = 'Jane'"_s);
        QSignalSpy done(inc, &IncludeTreeWidget::loaded);
        inc->setRecord({u"User"_s, john});
        inc->setRecord({u"User"_s, jane}); // before John's answer can arrive
        QVERIFY(done.wait(20000));
        QTest::qWait(100); // John's answer, had it been shown, would have come by now
        QCOMPARE(done.size(), 1);
        QCOMPARE(inc->record().primaryKey, jane);
        const QString text = inc->resultLines().join(u'\n');
        QVERIFY2(text.startsWith("User #"_L1 + jane.toString() + u' ') && text.contains("Jane"_L1), qPrintable(text));
        QVERIFY2(!text.contains("Hello World"_L1), qPrintable(text)); // John's post
    }

    void historyGoesBackAndForward()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        const QVariant john = scalar(db, u"SELECT id FROM Users WHERE firstName = 'John'"_s);
        QVERIFY(!w.backAction()->isEnabled());
        QCOMPARE(w.backAction()->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Left));
        QCOMPARE(w.forwardAction()->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Right));
        w.showRecord({u"User"_s, john});
        QVERIFY(loaded(w.includeTree()));
        // John -> his first post (activating it in the include tree) -> that post's author's profile
        const RecordLocation post = w.includeTree()->includedRecords(u"Posts"_s).value(0);
        QVERIFY(w.includeTree()->activate(u"Posts"_s));
        QCOMPARE(w.currentModel(), u"Post"_s);
        QCOMPARE(w.currentRecord(), post);
        // the records pane selects the post's row once its page has loaded
        auto selectedKey = [&] {
            const QModelIndex i = w.records()->tableView()->currentIndex();
            return i.isValid() ? w.records()->recordsModel()->value(i.row(), u"id"_s) : QVariant();
        };
        QTRY_COMPARE(selectedKey(), post.primaryKey);
        QCOMPARE(w.history()->size(), 2); // selecting the row is not another visit
        QVERIFY(loaded(w.includeTree()));
        QVERIFY(w.includeTree()->resultLines().join(u'\n').contains("User (1)"_L1));
        QVERIFY(w.includeTree()->activate(u"User"_s));
        QCOMPARE(w.currentRecord(), (RecordLocation{u"User"_s, john}));
        QCOMPARE(w.history()->size(), 3);
        QVERIFY(w.backAction()->isEnabled());
        QVERIFY(!w.forwardAction()->isEnabled());

        w.backAction()->trigger();
        QCOMPARE(w.currentRecord(), post);
        QCOMPARE(w.currentModel(), u"Post"_s);
        QTRY_COMPARE(selectedKey(), post.primaryKey);
        w.backAction()->trigger();
        QCOMPARE(w.currentRecord(), (RecordLocation{u"User"_s, john}));
        QVERIFY(!w.backAction()->isEnabled());
        QVERIFY(w.forwardAction()->isEnabled());
        w.forwardAction()->trigger();
        QCOMPARE(w.currentRecord(), post);
        // a new visit after going back drops the forward entries
        const RecordLocation profile{u"Profile"_s, scalar(db, u"SELECT id FROM Profiles WHERE userId = %1"_s.arg(john.toString()))};
        w.showRecord(profile);
        QCOMPARE(w.history()->size(), 3);
        QVERIFY(!w.forwardAction()->isEnabled());
        w.backAction()->trigger();
        QCOMPARE(w.currentRecord(), post);
    }

    // A record far beyond the loaded pages (the related record of a large table) is located
    // by the records model on a worker, its page read, and its row selected.
    void showRecordReachesRowsBeyondLoadedPages()
    {
        const orm::Database db = openDemo();
        const orm::ModelHandle readings = orm::Database(db).define(
            u"Reading"_s, {{u"value"_s, u"INTEGER"_s}, {u"userId"_s, u"INTEGER"_s}}, {{u"timestamps"_s, false}});
        readings.sync();
        QList<QVariantMap> rows;
        for (int i = 1; i <= 5000; ++i)
            rows.append({{u"value"_s, i % 11 == 0 ? QVariant() : QVariant(i % 40)}});
        readings.bulkCreate(rows);
        MainWindow w(db);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        RecordsModel *m = w.records()->recordsModel();
        auto selectedKey = [&] {
            const QModelIndex i = w.records()->tableView()->currentIndex();
            return i.isValid() ? m->value(i.row(), u"id"_s) : QVariant();
        };
        const QVariant far = scalar(db, u"SELECT id FROM Readings ORDER BY id LIMIT 1 OFFSET 4321"_s);
        w.showRecord({u"Reading"_s, far});
        QTRY_COMPARE(selectedKey(), far);
        QCOMPARE(w.records()->tableView()->currentIndex().row(), 4321);
        QVERIFY(m->residentRowCount() <= m->pageSize() * 3); // the pages before it were not read

        // Sorted descending on a column with NULLs (last) and ties, then back to the first record.
        w.records()->tableView()->sortByColumn(int(m->attributes().indexOf(u"value"_s)), Qt::DescendingOrder);
        QTRY_VERIFY(!m->isLoading());
        const QVariant nullValued = scalar(db, u"SELECT id FROM Readings WHERE value IS NULL ORDER BY id LIMIT 1 OFFSET 200"_s);
        w.showRecord({u"Reading"_s, nullValued});
        QTRY_COMPARE(selectedKey(), nullValued);
        // SQLite sorts NULL as the smallest value, so its own DESC order is the browser's.
        QCOMPARE(w.records()->tableView()->currentIndex().row(),
                 scalar(db, u"SELECT COUNT(*) FROM Readings WHERE value IS NOT NULL OR id < %1"_s.arg(nullValued.toString())).toInt());

        // Back in history: the first record again, located in the new order.
        w.backAction()->trigger();
        QTRY_COMPARE(selectedKey(), far);
    }

    void selectingARowShowsItsIncludes()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        w.selectModel(u"Group"_s);
        RecordsModel *m = w.records()->recordsModel();
        QTRY_VERIFY(m->rowCount() == 2 && m->value(0, u"name"_s).isValid());
        const int row = rowOf(m, u"name"_s, u"Admins"_s);
        QVERIFY(row >= 0);
        w.records()->tableView()->setCurrentIndex(m->index(row, 1));
        QCOMPARE(w.currentRecord().model, u"Group"_s);
        QCOMPARE(w.currentRecord().primaryKey, scalar(db, u"SELECT id FROM Groups WHERE name = 'Admins'"_s));
        QVERIFY(loaded(w.includeTree()));
        QVERIFY2(w.includeTree()->resultLines().join(u'\n').contains("Users (1)"_L1), qPrintable(w.includeTree()->resultLines().join(u'\n')));
        QCOMPARE(w.history()->size(), 1);
    }

    // --- SQL log per action -----------------------------------------------------------------
    void sqlLogGroupsStatementsPerAction()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        SqlLogWidget *log = w.sqlLog();
        const QVariant john = scalar(db, u"SELECT id FROM Users WHERE firstName = 'John'"_s);
        log->beginAction(u"first"_s);
        db.model(u"Group"_s).count();
        log->beginAction(u"second"_s);
        db.model(u"User"_s).findByPk(john);
        db.model(u"Post"_s).count();
        log->beginAction(u"no SQL"_s); // leaves no empty group
        log->beginAction(u"third"_s);
        db.execute(u"UPDATE Users SET lastName = ? WHERE id = ?"_s, {u"Doe"_s, john});
        QTRY_COMPARE(log->actionTitle(0), u"third"_s); // the newest on top
        QCOMPARE(log->actionTitle(1), u"second"_s);
        QCOMPARE(log->actionTitle(2), u"first"_s);
        QCOMPARE(log->actionStatements(1).size(), 2);
        QVERIFY(log->actionStatements(1).at(0).contains("FROM \"Users\""_L1));
        QVERIFY(log->actionStatements(1).at(1).contains("COUNT"_L1));
        const QString update = log->actionStatements(0).value(0);
        QVERIFY2(update.contains("bind: Doe, %1"_L1.arg(john.toString())) && update.contains(" ms]"_L1) && update.contains("1 row(s)"_L1),
                 qPrintable(update));
        // Copy: one statement, or the whole action.
        QTreeWidget *tree = log->tree();
        tree->setCurrentItem(tree->topLevelItem(1)->child(1));
        log->copySelectedStatement();
        QCOMPARE(QApplication::clipboard()->text(), log->actionStatements(1).at(1));
        log->copySelectedAction();
        const QString copied = QApplication::clipboard()->text();
        QVERIFY(copied.startsWith("-- "_L1) && copied.contains("second"_L1));
        QVERIFY(copied.contains(log->actionStatements(1).at(0)) && copied.contains(log->actionStatements(1).at(1)));
        QVERIFY(!copied.contains("UPDATE"_L1));
        // selecting a model is an action of its own
        w.selectModel(u"Group"_s);
        QTRY_COMPARE(log->actionTitle(0), u"Select model Group"_s);
        QTRY_VERIFY(log->actionStatements(0).join(u'\n').contains("FROM \"Groups\""_L1));
    }

    // Statements from workers are filed under the action that started them, not under the
    // action that is newest when they arrive.
    void sqlLogFilesLateStatementsUnderTheirAction()
    {
        const orm::Database db = openDemo();
        MainWindow w(db);
        SqlLogWidget *log = w.sqlLog();
        RecordsModel *m = w.records()->recordsModel();
        QVERIFY(settle(m));
        QVERIFY(loaded(w.includeTree()));
        auto statementsOf = [log](const QString &title) {
            QStringList out;
            for (int i = 0; i < log->actionCount(); ++i)
                if (log->actionTitle(i) == title)
                    out << log->actionStatements(i);
            return out.join(u'\n');
        };
        w.selectModel(u"Post"_s);
        QVERIFY(m->isLoading()); // its count and first page run on a worker
        log->beginAction(u"Later action"_s);
        db.query(u"SELECT 42 AS answer"_s);
        QVERIFY(settle(m));
        QTRY_VERIFY2(statementsOf(u"Select model Post"_s).contains("COUNT"_L1), qPrintable(log->toPlainText()));
        const QString select = statementsOf(u"Select model Post"_s);
        QVERIFY2(select.contains("FROM \"Posts\""_L1) && select.contains("LIMIT"_L1), qPrintable(select));
        const QString later = statementsOf(u"Later action"_s);
        QVERIFY2(later.contains("SELECT 42"_L1), qPrintable(later));
        QVERIFY2(!later.contains("Posts"_L1), qPrintable(later));
        QCOMPARE(log->actionTitle(0), u"Later action"_s); // still in the order the actions began
        QVERIFY(!statementsOf(u"Start"_s).contains("Posts"_L1));

        // The include tree's statements belong to "Include for …", whatever began after it.
        const QVariant john = scalar(db, u"SELECT id FROM Users WHERE firstName = 'John'"_s);
        w.showRecord({u"User"_s, john});
        QVERIFY(w.includeTree()->isLoading());
        log->beginAction(u"Another action"_s);
        db.query(u"SELECT 43 AS answer"_s);
        QVERIFY(loaded(w.includeTree()));
        const QString include = u"Include for User #%1"_s.arg(john.toString());
        QTRY_VERIFY2(statementsOf(include).contains("FROM \"Groups\""_L1), qPrintable(log->toPlainText()));
        QVERIFY2(statementsOf(include).contains("FROM \"Profiles\""_L1), qPrintable(statementsOf(include)));
        const QString another = statementsOf(u"Another action"_s);
        QVERIFY2(another.contains("SELECT 43"_L1) && !another.contains("Groups"_L1) && !another.contains("Profiles"_L1),
                 qPrintable(another));
        // Statements with no tag of this log go to the newest action.
        {
            const orm::SqlTagScope foreign(u"someone else"_s);
            db.query(u"SELECT 44 AS answer"_s);
        }
        QTRY_VERIFY(statementsOf(u"Another action"_s).contains("SELECT 44"_L1));
    }

    // --- Never frozen: 100 models --------------------------------------------------------------
    void hundredModelDiagramDoesNotBlock()
    {
        orm::Database db = orm::Database::open(u"sqlite::memory:"_s);
        for (int i = 0; i < 100; ++i)
            db.define(u"M%1"_s.arg(i, 3, 10, QLatin1Char('0')),
                      {{u"name"_s, u"STRING"_s}, {u"size"_s, u"INTEGER"_s}, {u"note"_s, u"TEXT"_s}});
        for (int i = 1; i < 100; ++i) // a tree of belongsTo, and some N–M
            db.model(u"M%1"_s.arg(i, 3, 10, QLatin1Char('0'))).belongsTo(u"M%1"_s.arg((i - 1) / 3, 3, 10, QLatin1Char('0')));
        for (int i = 0; i + 50 < 100; i += 10)
            db.model(u"M%1"_s.arg(i, 3, 10, QLatin1Char('0')))
                .belongsToMany(u"M%1"_s.arg(i + 50, 3, 10, QLatin1Char('0')), {.through = u"J%1"_s.arg(i)});
        for (int i = 0; i < 100; ++i) // and cross links, so that dot has real work to do
            db.model(u"M%1"_s.arg(i, 3, 10, QLatin1Char('0')))
                .belongsTo(u"M%1"_s.arg((i * 37 + 11) % 100, 3, 10, QLatin1Char('0')), {.as = u"Link"_s, .foreignKey = u"linkId"_s});
        DiagramView view;
        view.resize(800, 600);
        view.show();
        QElapsedTimer t;
        t.start();
        view.setDatabase(db);
        const qint64 setup = t.elapsed();
        QVERIFY2(setup < 100, qPrintable(u"setDatabase blocked %1 ms"_s.arg(setup)));
        QVERIFY(view.isLayoutPending());
        QCOMPARE(view.modelBoxes().size(), 105); // every box at once, on a grid
        // While dot runs, the event loop keeps turning: no gap over 100 ms between timer ticks.
        QElapsedTimer gap;
        gap.start();
        qint64 worst = 0;
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, this, [&] { worst = qMax(worst, gap.restart()); ++ticks; });
        timer.start(5);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutPending(), 120000);
        timer.stop();
        qInfo() << "100-model layout took" << t.elapsed() << "ms;" << ticks << "ticks, worst gap" << worst << "ms";
        QVERIFY(view.usedGraphviz());
        QVERIFY2(worst < 100, qPrintable(u"the GUI thread was blocked %1 ms"_s.arg(worst)));
        // The layout itself takes longer than the limit: run on the GUI thread, it would block.
        QVERIFY2(t.elapsed() > 100, qPrintable(u"the layout took only %1 ms: make the schema larger"_s.arg(t.elapsed())));
        QCOMPARE(view.edgeCount(), 99 + 2 * 5 + 100);
    }

    // --- Models from a JSON file -----------------------------------------------------------
    void modelFileDefinesModelsAndAssociations()
    {
        const QString path = m_dir.filePath(u"models.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"json({
            "models": [
                {"name": "Author", "attributes": {"name": {"type": "STRING", "allowNull": false}}},
                {"name": "Book", "attributes": [{"name": "title", "type": "STRING"}, "isbn", {"name": "pages", "type": "INTEGER"}],
                 "options": {"paranoid": true}},
                {"name": "Tag", "attributes": {"label": {"type": "STRING(20)", "unique": true}}, "options": {"timestamps": false}}
            ],
            "associations": [
                {"source": "Author", "kind": "hasMany", "target": "Book", "options": {"foreignKey": "authorId"}},
                {"source": "Book", "kind": "belongsTo", "target": "Author", "options": {"foreignKey": "authorId"}},
                {"source": "Book", "kind": "belongsToMany", "target": "Tag", "options": {"through": "BookTags"}},
                {"source": "Tag", "kind": "belongsToMany", "target": "Book", "options": {"through": "BookTags"}}
            ]
        })json");
        f.close();
        const QString file = m_dir.filePath(u"models.sqlite"_s);
        orm::Database db = orm::Database::open(u"sqlite:"_s + file);
        QCOMPARE(ModelFile::define(db, path), (QStringList{u"Author"_s, u"Book"_s, u"Tag"_s}));
        QVERIFY(db.model(u"Book"_s).meta().isParanoid());
        // An attribute array keeps its order (an object would come out sorted).
        QCOMPARE(db.model(u"Book"_s).meta().attributeNames().mid(0, 4), (QStringList{u"id"_s, u"title"_s, u"isbn"_s, u"pages"_s}));
        QCOMPARE(db.model(u"Author"_s).meta().association(u"Books"_s)->inverse, u"Author"_s);
        QVERIFY(db.tableNames().contains(u"BookTags"_s)); // synced
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'Books' AND sql LIKE '%deletedAt%'"_s).toInt(), 1);
        // a bad association names the entry
        orm::Database other = orm::Database::open(u"sqlite::memory:"_s);
        QJsonObject bad{{u"models"_s, QJsonArray{QJsonObject{{u"name"_s, u"A"_s}, {u"attributes"_s, QJsonObject{{u"x"_s, u"STRING"_s}}}}}},
                        {u"associations"_s, QJsonArray{QJsonObject{{u"source"_s, u"A"_s}, {u"kind"_s, u"hasLots"_s}, {u"target"_s, u"A"_s}}}}};
        try {
            ModelFile::define(other, bad, u"bad.json"_s);
            QFAIL("no error");
        } catch (const orm::DefinitionError &e) {
            QVERIFY2(e.message().contains("bad.json: association 1 (A.hasLots A)"_L1), qPrintable(e.message()));
        }
        // and the application opens it
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        p.setProcessEnvironment(env);
        const QString png = m_dir.filePath(u"models.png"_s);
        p.start(QStringLiteral(BROWSER_EXE), {u"--db"_s, u"sqlite:"_s + file, u"--models"_s, path, u"--screenshot"_s, png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(!QImage(png).isNull());
    }

    // --- Language -----------------------------------------------------------------------------
    void germanInterface()
    {
        QCOMPARE(installTranslation(u"de"_s), u"de"_s);
        {
            MainWindow w(openDemo());
            QStringList menus;
            for (QAction *a : w.menuBar()->actions())
                menus << a->text();
            QVERIFY2(menus.contains(u"&Datei"_s), qPrintable(menus.join(u", "_s)));
            QCOMPARE(w.backAction()->text(), u"&Zurück"_s);
            QCOMPARE(w.forwardAction()->text(), u"&Vorwärts"_s);
            // Qt's own strings (dialog buttons, file dialogs) come from qtbase_de.qm
            // (Debian's qt6-translations-l10n, which install-deps.sh installs).
            QDialogButtonBox buttons(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
            QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text().remove(u'&'), u"Abbrechen"_s);
        }
        QCOMPARE(installTranslation(u"zh_CN"_s), u"zh_CN"_s);
        {
            MainWindow w(openDemo());
            QCOMPARE(w.backAction()->text(), u"后退(&B)"_s);
        }
        QCOMPARE(installTranslation(u"en"_s), u"en"_s);
        MainWindow w(openDemo());
        QCOMPARE(w.backAction()->text(), u"&Back"_s);
        QVERIFY(installTranslation(u"xx"_s).isEmpty()); // no such translation
    }
};

QTEST_MAIN(TestBrowser)
#include "tst_browser.moc"
