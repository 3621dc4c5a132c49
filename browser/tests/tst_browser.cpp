// The model browser's widgets over the demo database, offscreen. SQLite only: the browser
// reaches the database through the ORM's public API, which tests/ checks on every dialect.
#include "DemoDatabase.h"
#include "DiagramView.h"
#include "MainWindow.h"
#include "ModelTreeWidget.h"
#include "RecordsView.h"
#include "SchemaIntrospector.h"
#include "SqlLogWidget.h"

#include <orm/Orm.h>
#include <QCheckBox>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QProcess>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

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
    static int rowOf(RecordsModel *m, const QString &attribute, const QVariant &value)
    {
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
        d->setCollapseJunctions(true);
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
        QCOMPARE(m->rowCount(), 3); // the soft-deleted draft is hidden
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts"_s).toInt(), 4);

        int row = rowOf(m, u"title"_s, u"Hello World"_s);
        QVERIFY(row >= 0);
        v->selectRow(row);
        QCOMPARE(v->softDeleteSelected(), 1);
        QVERIFY(!scalar(db, u"SELECT deletedAt FROM Posts WHERE title = 'Hello World'"_s).isNull());
        QCOMPARE(m->rowCount(), 2);

        v->setShowDeleted(true);
        QCOMPARE(m->rowCount(), 4);
        row = rowOf(m, u"title"_s, u"Hello World"_s);
        QVERIFY(m->isDeleted(row));
        QVERIFY(m->data(m->index(row, 0), Qt::FontRole).value<QFont>().italic());
        v->selectRow(row);
        QCOMPARE(v->restoreSelected(), 1);
        QVERIFY(scalar(db, u"SELECT deletedAt FROM Posts WHERE title = 'Hello World'"_s).isNull());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts WHERE deletedAt IS NULL"_s).toInt(), 3);

        // Delete permanently asks first; "no" keeps the row.
        QString asked;
        v->setConfirmation([&](const QString &, const QString &text) { asked = text; return false; });
        row = rowOf(m, u"title"_s, u"Old draft"_s);
        QVERIFY(m->isDeleted(row));
        v->selectRow(row);
        QCOMPARE(v->deleteSelectedPermanently(), 0);
        QVERIFY(asked.contains("permanently"_L1));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts WHERE title = 'Old draft'"_s).toInt(), 1);
        v->setConfirmation([](const QString &, const QString &) { return true; });
        v->selectRow(rowOf(m, u"title"_s, u"Old draft"_s));
        QCOMPARE(v->deleteSelectedPermanently(), 1);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts WHERE title = 'Old draft'"_s).toInt(), 0);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Posts"_s).toInt(), 3);
        QCOMPARE(m->rowCount(), 3);
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
        QCOMPARE(v->deleteSelectedPermanently(), 0);
        QVERIFY2(asked.contains("Post"_L1) && asked.contains("UserGroup"_L1), qPrintable(asked));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM Users"_s).toInt(), 2);
    }

    void showDeletedToggle()
    {
        MainWindow w(openDemo());
        w.selectModel(u"Post"_s);
        RecordsView *v = w.records();
        QVERIFY(v->showDeletedToggle()->isVisibleTo(v));
        QCOMPARE(v->recordsModel()->rowCount(), 3);
        v->showDeletedToggle()->click();
        QCOMPARE(v->recordsModel()->rowCount(), 4);
        const int draft = rowOf(v->recordsModel(), u"title"_s, u"Old draft"_s);
        QVERIFY(v->recordsModel()->isDeleted(draft));
        QVERIFY(v->recordsModel()->value(draft, u"deletedAt"_s).isValid());
        v->showDeletedToggle()->click();
        QCOMPARE(v->recordsModel()->rowCount(), 3);
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
        RecordsModel m;
        m.setPageSize(100);
        m.setModelHandle(tags);
        QCOMPARE(m.totalCount(), 1000);
        QCOMPARE(m.rowCount(), 100);
        QVERIFY(m.canFetchMore());
        m.fetchMore();
        QCOMPARE(m.rowCount(), 200);
        QCOMPARE(m.value(150, u"name"_s).toString(), u"tag150"_s);
        while (m.canFetchMore())
            m.fetchMore();
        QCOMPARE(m.rowCount(), 1000);
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
        QCOMPARE(w.diagram()->junctionBoxes(), (QStringList{u"UserFollowers"_s, u"UserGroups"_s}));
        w.selectModel(u"Posts"_s);
        QCOMPARE(w.records()->recordsModel()->rowCount(), 4); // introspected models are not paranoid
    }

    void exportsPngAndSvg()
    {
        MainWindow w(openDemo());
        const QString png = m_dir.filePath(u"diagram.png"_s), svg = m_dir.filePath(u"diagram.svg"_s);
        QVERIFY(w.diagram()->exportPng(png));
        QVERIFY(w.diagram()->exportSvg(svg));
        QVERIFY(!QImage(png).isNull());
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("<svg"));
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
        QVERIFY(QString::fromLocal8Bit(p.readAllStandardError()).contains("Cannot open the database"_L1));
    }
};

QTEST_MAIN(TestBrowser)
#include "tst_browser.moc"
