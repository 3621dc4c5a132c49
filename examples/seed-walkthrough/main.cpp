// seed-walkthrough: the seed's Sequelize guide (shared/seed/sequelize-guide.md), section by
// section and in its order, as a C++ program on Quarry. Each step prints what it does, the
// line of the guide it mirrors ("// JS: ..."), the SQL it ran with its bound values
// ("  SQL> ..."), and what came back ("  => ...").
//
//   seed-walkthrough                      a fresh SQLite file in a temporary directory
//   seed-walkthrough --memory             sqlite::memory:
//   seed-walkthrough --db postgres://user:pass@localhost:5432/blog
//   seed-walkthrough mariadb://user:pass@localhost:3306/blog
//   seed-walkthrough --quiet-sql          without the SQL lines
//
// A server database must be empty (or pass --reset to drop the walkthrough's own tables
// first). The output holds no timestamps or durations: bound timestamps print as <now>, and
// the temporary directory as <tmpdir>, so that two runs print the same text.
#include "BlogModels.h"

#include <orm/Orm.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <cstdio>

using namespace blog;
using orm::Ptr;

namespace {

// ---------------------------------------------------------------------------------------
// The narration: section headings, steps, the SQL listener's lines and the results.
// ---------------------------------------------------------------------------------------
class Narrator
{
public:
    explicit Narrator(bool showSql) : m_showSql(showSql) {}

    // Print the SQL every statement on db runs, from now on.
    void listenTo(const orm::Database &db)
    {
        db.addListener([this](const orm::SqlEvent &e) { sql(e); });
    }
    // Text replaced in everything printed (the temporary directory's path).
    void hide(const QString &text, const QString &replacement)
    {
        if (!text.isEmpty())
            m_hidden.append({text, replacement});
    }

    void section(const QString &title)
    {
        line();
        line(QStringLiteral("== %1 ==").arg(title));
    }
    // A step: what it does, and the line(s) of the seed it mirrors, separated by '\n'.
    void step(const QString &what, const QString &js = {})
    {
        line();
        line(QStringLiteral("* ") + what);
        for (const QString &l : js.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            line(QStringLiteral("  // JS: ") + l);
    }
    void result(const QString &text) { line(QStringLiteral("  => ") + text); }
    void note(const QString &text) { line(QStringLiteral("  ") + text); }

private:
    void sql(const orm::SqlEvent &e)
    {
        if (!m_showSql)
            return;
        QStringList lines = e.sql.trimmed().split(QLatin1Char('\n'));
        if (!e.bindings.isEmpty()) {
            QStringList values;
            for (const QVariant &v : e.bindings)
                values.append(formatValue(v));
            lines.last() += QStringLiteral("  -- bind: ") + values.join(QStringLiteral(", "));
        }
        if (!e.ok)
            lines.last() += QStringLiteral("  -- failed");
        for (int i = 0; i < lines.size(); ++i)
            line((i == 0 ? QStringLiteral("  SQL> ") : QStringLiteral("       ")) + lines.at(i).trimmed());
    }

    // A bound value as SQL would spell it. Timestamps of this run become <now>.
    static QString formatValue(const QVariant &v)
    {
        if (orm::isNullValue(v))
            return QStringLiteral("NULL");
        switch (v.metaType().id()) {
        case QMetaType::Bool:
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Double:
            return v.toString();
        case QMetaType::QDateTime:
            return isNow(v.toDateTime()) ? QStringLiteral("<now>") : v.toDateTime().toString(Qt::ISODateWithMs);
        case QMetaType::QByteArray:
            return QStringLiteral("x'%1'").arg(QString::fromLatin1(v.toByteArray().toHex()));
        default:
            break;
        }
        const QString s = v.toString();
        // Drivers that take timestamps as text get them as text: recognise those too.
        static const QRegularExpression stamp(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})"));
        if (stamp.match(s).hasMatch()
            && isNow(QDateTime::fromString(s.left(19).replace(QLatin1Char(' '), QLatin1Char('T')), Qt::ISODate)))
            return QStringLiteral("<now>");
        return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
    }
    // Within a day: the time zone of a timestamp given as text does not matter.
    static bool isNow(const QDateTime &t)
    {
        return t.isValid() && qAbs(t.secsTo(QDateTime::currentDateTimeUtc())) < 24 * 3600;
    }

    void line(QString text = {})
    {
        for (const auto &[from, to] : m_hidden)
            text.replace(from, to);
        const QByteArray bytes = text.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
    }

    bool m_showSql;
    QList<std::pair<QString, QString>> m_hidden;
};

// Names for printing.
QString names(const QList<Ptr<User>> &users)
{
    QStringList out;
    for (const auto &u : users)
        out.append(u->firstName);
    return out.isEmpty() ? QStringLiteral("(nobody)") : out.join(QStringLiteral(", "));
}

QString columnsOf(const orm::ModelMeta &m)
{
    QStringList cols;
    for (const orm::FieldMeta &f : m.fields)
        cols.append(f.column);
    return cols.join(QStringLiteral(", "));
}

QString describeField(const orm::FieldMeta &f)
{
    QStringList parts{f.column, orm::fieldTypeName(f.type)};
    if (f.primaryKey)
        parts << QStringLiteral("PRIMARY KEY");
    if (f.autoIncrement)
        parts << QStringLiteral("autoIncrement");
    if (!f.allowNull && !f.primaryKey)
        parts << QStringLiteral("NOT NULL");
    if (f.unique)
        parts << QStringLiteral("UNIQUE");
    if (f.defaultKind == orm::FieldMeta::Default::Literal)
        parts << QStringLiteral("DEFAULT ") + f.defaultValue.toString();
    else if (f.defaultKind == orm::FieldMeta::Default::Now)
        parts << QStringLiteral("DEFAULT NOW");
    if (f.references)
        parts << QStringLiteral("REFERENCES %1(%2) ON DELETE %3 ON UPDATE %4")
                     .arg(f.references->table, f.references->column, f.references->onDelete, f.references->onUpdate);
    return parts.join(QLatin1Char(' '));
}

void printFields(Narrator &n, const orm::ModelMeta &m)
{
    n.result(QStringLiteral("model %1 -> table \"%2\"").arg(m.name, m.tableName));
    for (const orm::FieldMeta &f : m.fields)
        n.note(QStringLiteral("     %1").arg(describeField(f)));
}

// ---------------------------------------------------------------------------------------
// The sections of the seed, in its order.
// ---------------------------------------------------------------------------------------

orm::Database connect(Narrator &n, const QString &url)
{
    n.section(QStringLiteral("Connecting to the Database"));
    n.step(QStringLiteral("Open the connection (Database::open with a URL)"),
           QStringLiteral("const sequelize = new Sequelize('database', 'username', 'password', { host: 'localhost', dialect: 'mysql' });"));
    // The seed's four-argument form is also there:
    //   orm::Database::open("database", "username", "password", {.dialect = "mysql", .host = "localhost"});
    orm::Database db = orm::Database::open(url);
    n.listenTo(db);
    n.result(QStringLiteral("connected: dialect %1, %2").arg(db.dialectName(), db.url()));
    return db;
}

void firstModel(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("Creating Your First Model"));
    n.step(QStringLiteral("Define the User model (class User in BlogModels.h)"),
           QStringLiteral("const User = sequelize.define('User', { id, firstName, lastName, email });"));
    db.define<User>();
    printFields(n, User::modelMeta());

    n.step(QStringLiteral("Create its table"), QStringLiteral("await User.sync();"));
    User::sync();
}

void modelOptions(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("Model Options"));
    n.step(QStringLiteral("Define Member with tableName, timestamps, paranoid, underscored and freezeTableName"),
           QStringLiteral("sequelize.define('User', { ... }, { tableName: 'users', timestamps: true, paranoid: true, underscored: true, freezeTableName: true });\n"
                          "await User.sync();"));
    // Q_CLASSINFO("orm:options", "tableName=members timestamps paranoid underscored freezeTableName")
    db.define<Member>();
    Member::sync();
    const orm::ModelMeta &m = Member::modelMeta();
    printFields(n, m);
    n.result(QStringLiteral("tableName: \"%1\" is used as given (User's default is the plural \"%2\")")
                 .arg(m.tableName, User::modelMeta().tableName));
    n.result(QStringLiteral("underscored: firstName is stored in column %1, createdAt in %2")
                 .arg(m.field(QStringLiteral("firstName"))->column, m.field(QStringLiteral("createdAt"))->column));
    n.result(QStringLiteral("timestamps: %1 and %2; paranoid: %3")
                 .arg(m.field(QStringLiteral("createdAt"))->column, m.field(QStringLiteral("updatedAt"))->column,
                      m.field(QStringLiteral("deletedAt"))->column));

    n.step(QStringLiteral("freezeTableName alone keeps the model's name as the table name"),
           QStringLiteral("sequelize.define('Category', { name: DataTypes.STRING }, { freezeTableName: true });"));
    // A run-time model, the way sequelize.define takes its attributes; only its metadata is
    // looked at here (no table is created).
    orm::ModelHandle category = db.define(QStringLiteral("Category"), {{"name", QJsonObject{{"type", "STRING"}}}},
                                          {{"freezeTableName", true}});
    n.result(QStringLiteral("model Category -> table \"%1\" (not \"Categories\")").arg(category.meta().tableName));

    n.step(QStringLiteral("paranoid: destroy() sets deleted_at instead of deleting the row"),
           QStringLiteral("const member = await User.create({ ... });\nawait member.destroy();"));
    auto member = Member::create({{"firstName", "Ada"}, {"lastName", "Lovelace"}, {"email", "ada@example.com"}});
    member->destroy();
    n.result(QStringLiteral("Member.count(): %1; with paranoid: false: %2")
                 .arg(Member::count())
                 .arg(Member::count({.paranoid = false})));
}

void oneToOne(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("One-to-One Association"));
    n.step(QStringLiteral("Define Profile, and declare the association both ways"),
           QStringLiteral("const Profile = sequelize.define('Profile', { id, bio: DataTypes.TEXT, profilePicture: DataTypes.STRING });\n"
                          "User.hasOne(Profile);\nProfile.belongsTo(User);\nawait Profile.sync();"));
    db.define<Profile>();
    User::hasOne<Profile>();
    Profile::belongsTo<User>();
    Profile::sync();
    const orm::FieldMeta *key = Profile::modelMeta().field(QStringLiteral("userId"));
    n.result(QStringLiteral("Profile gets the foreign key: %1").arg(describeField(*key)));
    n.result(QStringLiteral("User gets %1").arg(User::modelMeta().association(QStringLiteral("Profile"))->accessors.join(QStringLiteral(", "))));

    n.step(QStringLiteral("Create a user"),
           QStringLiteral("const user = await User.create({ firstName: 'John', lastName: 'Doe', email: 'john@example.com' });"));
    auto user = User::create({{"firstName", "John"}, {"lastName", "Doe"}, {"email", "john@example.com"}});
    n.result(QStringLiteral("user.id = %1").arg(user->id));

    n.step(QStringLiteral("Create their profile with userId"),
           QStringLiteral("const profile = await Profile.create({ bio: 'I love coding!', profilePicture: 'avatar.jpg', userId: user.id });"));
    auto profile = Profile::create({{"bio", "I love coding!"}, {"profilePicture", "avatar.jpg"}, {"userId", user->id}});
    n.result(QStringLiteral("profile.userId = %1").arg(profile->get(QStringLiteral("userId")).toLongLong()));

    n.step(QStringLiteral("Or use the association method (createProfile)"),
           QStringLiteral("const profile2 = await user.createProfile({ bio: 'Alternative bio', profilePicture: 'avatar2.jpg' });"));
    auto profile2 = user->createAssociated(QStringLiteral("Profile"),
                                           {{"bio", "Alternative bio"}, {"profilePicture", "avatar2.jpg"}});
    n.result(QStringLiteral("profile2.userId = %1").arg(profile2->get(QStringLiteral("userId")).toLongLong()));
    // As in Sequelize, createProfile links the new row and leaves the first one linked too.
    // setProfile() would unlink the old one.
    n.result(QStringLiteral("Profiles rows with userId %1: %2 (createProfile does not unlink the first one; setProfile would)")
                 .arg(user->id)
                 .arg(Profile::count({.where = {{"userId", user->id}}})));

    n.step(QStringLiteral("Find John with his profile (include Profile)"),
           QStringLiteral("const user = await User.findOne({ where: { email: 'john@example.com' }, include: Profile });"));
    // order: a hasOne has one row per user in a tidy database; here two rows point at John
    // (see above), so the order picks the first one, as the seed's comment expects.
    auto found = User::findOne({.where = {{"email", "john@example.com"}},
                                .include = {{.association = "Profile", .order = {{"id"}}}}});
    n.result(QStringLiteral("user.firstName: %1").arg(found->firstName));
    n.result(QStringLiteral("user.Profile.bio: %1").arg(found->one<Profile>()->bio));
    // user.Profile: one<Profile>() is the included profile, or null.
    const Ptr<Profile> userProfile = found->one<Profile>();
    n.result(QStringLiteral("%1 has %2 profile: %3").arg(found->firstName).arg(userProfile ? 1 : 0).arg(userProfile ? userProfile->bio : QStringLiteral("-")));
}

void oneToMany(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("One-to-Many Association"));
    n.step(QStringLiteral("Define Post, and declare the association both ways"),
           QStringLiteral("const Post = sequelize.define('Post', { id, title, content: DataTypes.TEXT, published: { type: DataTypes.BOOLEAN, defaultValue: false } });\n"
                          "User.hasMany(Post);\nPost.belongsTo(User);\nawait Post.sync();"));
    db.define<Post>();
    User::hasMany<Post>();
    Post::belongsTo<User>();
    Post::sync();
    n.result(QStringLiteral("Post gets the foreign key: %1").arg(describeField(*Post::modelMeta().field(QStringLiteral("userId")))));
    n.result(QStringLiteral("User gets %1").arg(User::modelMeta().association(QStringLiteral("Posts"))->accessors.join(QStringLiteral(", "))));

    n.step(QStringLiteral("Create Jane"),
           QStringLiteral("const user = await User.create({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });"));
    auto jane = User::create({{"firstName", "Jane"}, {"lastName", "Smith"}, {"email", "jane@example.com"}});

    n.step(QStringLiteral("Method 1: create a post manually with userId"),
           QStringLiteral("await Post.create({ title: 'My First Post', content: 'Hello world!', userId: user.id });"));
    Post::create({{"title", "My First Post"}, {"content", "Hello world!"}, {"userId", jane->id}});

    n.step(QStringLiteral("Method 2: the association method (createPost)"),
           QStringLiteral("await user.createPost({ title: 'Second Post', content: 'More content here' });"));
    jane->createAssociated(QStringLiteral("Posts"), QVariantMap{{"title", "Second Post"}, {"content", "More content here"}});

    n.step(QStringLiteral("Create multiple posts at once (createPosts)"),
           QStringLiteral("await user.createPosts([{ title: 'Third Post', content: 'Third content' }, { title: 'Fourth Post', content: 'Fourth content' }]);"));
    const auto more = jane->createAssociated(QStringLiteral("Posts"),
                                             QList<QVariantMap>{{{"title", "Third Post"}, {"content", "Third content"}},
                                                                {{"title", "Fourth Post"}, {"content", "Fourth content"}}});
    n.result(QStringLiteral("created %1 posts").arg(more.size()));

    // Not in the seed: without a published post its filtered include below finds nothing.
    n.step(QStringLiteral("Publish the fourth post (so that the filtered include finds one)"),
           QStringLiteral("await fourth.update({ published: true });"));
    more.last()->update({{"published", true}});

    n.step(QStringLiteral("Find Jane with her posts (include Post)"),
           QStringLiteral("const user = await User.findOne({ where: { email: 'jane@example.com' }, include: Post });\n"
                          "console.log(`${user.firstName} has ${user.Posts.length} posts`);"));
    auto user = User::findOne({.where = {{"email", "jane@example.com"}}, .include = {orm::include<Post>()}});
    n.result(QStringLiteral("%1 has %2 posts").arg(user->firstName).arg(user->many<Post>().size()));

    n.step(QStringLiteral("Filter the included posts (include Post where published)"),
           QStringLiteral("const userWithPublishedPosts = await User.findOne({ where: { email: 'jane@example.com' }, include: { model: Post, where: { published: true } } });"));
    auto published = User::findOne({.where = {{"email", "jane@example.com"}},
                                    .include = {orm::include<Post>({.where = {{"published", true}}})}});
    QStringList titles;
    for (const auto &p : published->many<Post>())
        titles.append(p->title);
    n.result(QStringLiteral("%1 has %2 published posts: %3").arg(published->firstName).arg(titles.size()).arg(titles.join(QStringLiteral(", "))));
}

void manyToMany(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("Many-to-Many Association"));
    n.step(QStringLiteral("Define Group, and belongsToMany both ways through the table UserGroups"),
           QStringLiteral("const Group = sequelize.define('Group', { id, name: { type: DataTypes.STRING, allowNull: false, unique: true }, description: DataTypes.TEXT });\n"
                          "User.belongsToMany(Group, { through: 'UserGroups' });\nGroup.belongsToMany(User, { through: 'UserGroups' });\n"
                          "await Group.sync(); await sequelize.models.UserGroups.sync();"));
    db.define<Group>();
    User::belongsToMany<Group>({.through = "UserGroups"});
    Group::belongsToMany<User>({.through = "UserGroups"});
    // The automatic junction is a model too, named after the table.
    const orm::ModelHandle junction = db.model(QStringLiteral("UserGroups"));
    Group::sync();
    junction.sync();
    n.result(QStringLiteral("junction table \"%1\": %2").arg(junction.meta().tableName, columnsOf(junction.meta())));
    n.result(QStringLiteral("User gets %1").arg(User::modelMeta().association(QStringLiteral("Groups"))->accessors.join(QStringLiteral(", "))));

    n.step(QStringLiteral("Create the groups Admins and Users"),
           QStringLiteral("await Group.bulkCreate([{ name: 'Admins' }, { name: 'Users' }]);"));
    Group::bulkCreate({{{"name", "Admins"}}, {{"name", "Users"}}});

    n.step(QStringLiteral("Find the user and the groups"),
           QStringLiteral("const user = await User.findOne({ where: { email: 'john@example.com' }});\n"
                          "const adminGroup = await Group.findOne({ where: { name: 'Admins' }});\n"
                          "const userGroup = await Group.findOne({ where: { name: 'Users' }});"));
    auto user = User::findOne({.where = {{"email", "john@example.com"}}});
    auto adminGroup = Group::findOne({.where = {{"name", "Admins"}}});
    auto userGroup = Group::findOne({.where = {{"name", "Users"}}});

    n.step(QStringLiteral("Add the user to a group (addGroup)"), QStringLiteral("await user.addGroup(adminGroup);"));
    user->add(QStringLiteral("Groups"), adminGroup);

    n.step(QStringLiteral("Add to several groups at once (addGroups); the existing pair is skipped"),
           QStringLiteral("await user.addGroups([userGroup, adminGroup]);"));
    user->add(QStringLiteral("Groups"), QList<Ptr<Group>>{userGroup, adminGroup});

    n.step(QStringLiteral("Or from the other side (addUser)"), QStringLiteral("await adminGroup.addUser(user);"));
    adminGroup->add(QStringLiteral("Users"), user);
    n.result(QStringLiteral("UserGroups holds %1 rows for John").arg(user->countAssociated(QStringLiteral("Groups"))));

    n.step(QStringLiteral("Find the user with their groups (include Group)"),
           QStringLiteral("const user = await User.findOne({ where: { email: 'john@example.com' }, include: Group });\n"
                          "console.log(`User belongs to ${user.Groups.length} groups`);"));
    auto withGroups = User::findOne({.where = {{"email", "john@example.com"}}, .include = {orm::include<Group>()}});
    n.result(QStringLiteral("User belongs to %1 groups").arg(withGroups->many<Group>().size()));

    n.step(QStringLiteral("Find a group with its users (include User)"),
           QStringLiteral("const group = await Group.findOne({ where: { name: 'Admins' }, include: User });\n"
                          "console.log(`Group has ${group.Users.length} members`);"));
    auto group = Group::findOne({.where = {{"name", "Admins"}}, .include = {orm::include<User>()}});
    n.result(QStringLiteral("Group has %1 members").arg(group->many<User>().size()));

    // Not a snippet of the seed: eager loading of several parents. One SELECT for the users
    // and one per include, however many users there are (no N+1).
    n.step(QStringLiteral("Load every user with posts and groups (eager loading, no N+1)"),
           QStringLiteral("const users = await User.findAll({ include: [Post, Group], order: [['id', 'ASC']] });"));
    const auto users = User::findAll({.include = {orm::include<Post>(), orm::include<Group>()}, .order = {{"id"}}});
    for (const auto &u : users)
        n.result(QStringLiteral("%1: %2 posts, %3 groups").arg(u->firstName).arg(u->many<Post>().size()).arg(u->many<Group>().size()));
}

// The seed swaps through: 'UserGroups' for the UserGroup model. That is a change to
// models/associations.js, and a model's associations are fixed once declared, so the
// walkthrough does what the application would: it starts again with the new definitions
// (a new Database on the same URL, all models defined with defineAssociations(UserGroup))
// and lets sync({ alter: true }) bring the UserGroups table up to date, keeping its rows.
orm::Database customJunction(Narrator &n, orm::Database db, const QString &url)
{
    n.section(QStringLiteral("Custom Junction Table with Extra Fields"));
    n.step(QStringLiteral("Restart with models/associations.js using the UserGroup model"),
           QStringLiteral("const UserGroup = sequelize.define('UserGroup', { role: { type: DataTypes.STRING, defaultValue: 'member' }, joinedAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW } });\n"
                          "User.belongsToMany(Group, { through: UserGroup });\nGroup.belongsToMany(User, { through: UserGroup });"));
    db.close();
    db = orm::Database::open(url);
    n.listenTo(db);
    if (url == QLatin1String("sqlite::memory:"))
        n.note(QStringLiteral("(--memory: an in-memory database ends with its connection, so the restart starts from empty tables)"));
    db.define<User, Profile, Post, Group, UserGroup>();
    defineAssociations(QStringLiteral("UserGroup"));
    const orm::ModelMeta &j = UserGroup::modelMeta();
    printFields(n, j);

    n.step(QStringLiteral("Bring the tables up to date: alter adds role and joinedAt to UserGroups, keeping its rows"),
           QStringLiteral("await sequelize.sync({ alter: true });"));
    db.sync({.alter = true});
    n.result(QStringLiteral("UserGroups rows kept: %1").arg(UserGroup::count()));

    // findOrCreate, not findOne: with --memory the restart opened a new, empty database.
    n.step(QStringLiteral("Find the users and the Admins group again"),
           QStringLiteral("const [john] = await User.findOrCreate({ where: { firstName: 'John' }, defaults: { lastName: 'Doe', email: 'john@example.com' } });\n"
                          "const [jane] = await User.findOrCreate({ where: { firstName: 'Jane' }, defaults: { lastName: 'Smith', email: 'jane@example.com' } });\n"
                          "const [admins] = await Group.findOrCreate({ where: { name: 'Admins' } });"));
    auto john = User::findOrCreate({.where = {{"firstName", "John"}}, .defaults = {{"lastName", "Doe"}, {"email", "john@example.com"}}}).first;
    auto jane = User::findOrCreate({.where = {{"firstName", "Jane"}}, .defaults = {{"lastName", "Smith"}, {"email", "jane@example.com"}}}).first;
    auto admins = Group::findOrCreate({.where = {{"name", "Admins"}}}).first;

    n.step(QStringLiteral("Link with values for the junction's extra fields"),
           QStringLiteral("await admins.addUser(jane, { through: { role: 'owner' } });\nawait admins.addUser(john);  // already linked: skipped"));
    admins->add(QStringLiteral("Users"), jane, {{"role", "owner"}});
    admins->add(QStringLiteral("Users"), john);

    n.step(QStringLiteral("Read the junction rows back (group.Users[i].UserGroup)"),
           QStringLiteral("const group = await Group.findOne({ where: { name: 'Admins' }, include: { model: User, order: [['id', 'ASC']] } });\n"
                          "group.Users.forEach(u => console.log(u.firstName, u.UserGroup.role, u.UserGroup.joinedAt));"));
    auto group = Group::findOne({.where = {{"name", "Admins"}}, .include = {orm::include<User>({.order = {{"id"}}})}});
    const auto members = group->many<User>();
    for (int i = 0; i < members.size(); ++i) {
        const auto link = group->through(QStringLiteral("Users"), i).objectCast<UserGroup>();
        // A row that predates the joinedAt column has NULL there: alter gives existing rows
        // the column's database default, and NOW is applied by the ORM when a row is
        // created, as in Sequelize (DataTypes.NOW is not written into the schema).
        n.result(QStringLiteral("%1 is in %2 as %3 (joinedAt %4)")
                     .arg(members.at(i)->firstName, group->name, link->role,
                          link->joinedAt.isValid() ? QStringLiteral("<now>") : QStringLiteral("NULL: the row predates the column")));
    }
    return db;
}

void selfReference(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("Self-Referencing Associations"));
    n.step(QStringLiteral("Users follow users: two aliases over the junction table UserFollowers"),
           QStringLiteral("User.belongsToMany(User, { as: 'Followers', through: 'UserFollowers', foreignKey: 'followingId' });\n"
                          "User.belongsToMany(User, { as: 'Following', through: 'UserFollowers', foreignKey: 'followerId' });\n"
                          "await sequelize.models.UserFollowers.sync();"));
    defineFollowAssociations();
    const orm::ModelHandle follows = db.model(QStringLiteral("UserFollowers"));
    follows.sync();
    n.result(QStringLiteral("junction table \"%1\": %2").arg(follows.meta().tableName, columnsOf(follows.meta())));
    for (const QString &alias : {QStringLiteral("Followers"), QStringLiteral("Following")}) {
        const orm::AssociationMeta *a = User::modelMeta().association(alias);
        n.result(QStringLiteral("%1: foreignKey %2, otherKey %3; %4").arg(alias, a->foreignKey, a->otherKey, a->accessors.join(QStringLiteral(", "))));
    }

    n.step(QStringLiteral("Find John and Jane"),
           QStringLiteral("const john = await User.findOne({ where: { firstName: 'John' }});\n"
                          "const jane = await User.findOne({ where: { firstName: 'Jane' }});"));
    auto john = User::findOne({.where = {{"firstName", "John"}}});
    auto jane = User::findOne({.where = {{"firstName", "Jane"}}});

    n.step(QStringLiteral("John follows Jane (addFollowing)"), QStringLiteral("await john.addFollowing(jane);"));
    john->add(QStringLiteral("Following"), jane);

    n.step(QStringLiteral("Get John's followers (getFollowers)"), QStringLiteral("const followers = await john.getFollowers();"));
    n.result(QStringLiteral("John's followers: %1").arg(names(john->get<User>(QStringLiteral("Followers")))));

    n.step(QStringLiteral("Get who John is following (getFollowing)"), QStringLiteral("const following = await john.getFollowing();"));
    const auto following = john->get<User>(QStringLiteral("Following"));
    n.result(QStringLiteral("John is following: %1").arg(names(following)));
    for (const auto &u : following)
        n.result(QStringLiteral("John follows %1").arg(u->firstName));

    n.step(QStringLiteral("And from Jane's side"), QStringLiteral("const janesFollowers = await jane.getFollowers();"));
    n.result(QStringLiteral("Jane's followers: %1").arg(names(jane->get<User>(QStringLiteral("Followers")))));
}

void synchronizing(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("Synchronizing Models with Database"));
    auto counts = [&] {
        return QStringLiteral("Users %1, Posts %2, UserGroups %3").arg(User::count()).arg(Post::count()).arg(UserGroup::count());
    };

    n.step(QStringLiteral("Create the tables that do not exist (here: all exist)"), QStringLiteral("await sequelize.sync();"));
    db.sync();
    n.result(QStringLiteral("rows: %1").arg(counts()));

    n.step(QStringLiteral("Force: drop every table and create it again"), QStringLiteral("await sequelize.sync({ force: true });"));
    db.sync({.force = true});
    n.result(QStringLiteral("rows: %1").arg(counts()));

    n.step(QStringLiteral("Sync one model"), QStringLiteral("await User.sync();"));
    User::sync();

    // On PostgreSQL this is DROP TABLE "Users" CASCADE, as in Sequelize: the foreign keys of
    // Profiles, Posts and the junctions that point at Users go with it, and the alter below
    // adds them back. SQLite and MariaDB keep them (they refer to the table by name).
    n.step(QStringLiteral("Force one model: drop its table and create it again"), QStringLiteral("await User.sync({ force: true });"));
    User::sync({.force = true});

    // Rows for alter to keep.
    n.step(QStringLiteral("Put some rows back"),
           QStringLiteral("const john = await User.create({ ... }); await john.createPost({ ... }); await john.addGroup(admins);"));
    auto john = User::create({{"firstName", "John"}, {"lastName", "Doe"}, {"email", "john@example.com"}});
    User::create({{"firstName", "Jane"}, {"lastName", "Smith"}, {"email", "jane@example.com"}});
    john->createAssociated(QStringLiteral("Posts"), QVariantMap{{"title", "After the force"}, {"content", "Still here after alter"}});
    john->createAssociated(QStringLiteral("Groups"), QVariantMap{{"name", "Admins"}}, {{"role", "owner"}});
    n.result(QStringLiteral("rows: %1").arg(counts()));

    n.step(QStringLiteral("Alter: bring existing tables in line with the models, keeping every row"),
           QStringLiteral("await sequelize.sync({ alter: true });"));
    db.sync({.alter = true});
    n.result(QStringLiteral("rows: %1").arg(counts()));

    n.step(QStringLiteral("Alter one model"), QStringLiteral("await User.sync({ alter: true });"));
    User::sync({.alter = true});
    n.result(QStringLiteral("rows: %1").arg(counts()));
    n.result(QStringLiteral("Database synchronized successfully"));
}

void organization(Narrator &n, orm::Database &db)
{
    n.section(QStringLiteral("Organization Structure"));
    n.step(QStringLiteral("Where the seed's files are in this example"));
    n.note(QStringLiteral("models/index.js        -> main.cpp: orm::Database::open(url), db.define<User, Profile, Post, Group, UserGroup>()"));
    n.note(QStringLiteral("models/User.js ...     -> BlogModels.h: class User, Profile, Post, Group, UserGroup (one per file in the seed)"));
    n.note(QStringLiteral("models/associations.js -> BlogModels.h: defineAssociations(), defineFollowAssociations()"));

    n.step(QStringLiteral("The models and associations this database now knows"),
           QStringLiteral("module.exports = ({ User, Post }) => { User.hasMany(Post); Post.belongsTo(User); };"));
    for (const QString &name : db.modelNames()) {
        const orm::ModelMeta &m = db.model(name).meta();
        n.result(QStringLiteral("%1 (table \"%2\")").arg(m.name, m.tableName));
        for (const orm::AssociationMeta &a : m.associations)
            n.note(QStringLiteral("     %1.%2(%3%4) as %5: %6")
                       .arg(a.source, orm::associationKindName(a.kind), a.target,
                            a.through.isEmpty() ? QString() : QStringLiteral(", through %1").arg(a.through), a.name,
                            a.accessors.join(QStringLiteral(", "))));
    }
}

void errorHandling(Narrator &n)
{
    n.section(QStringLiteral("Error Handling and Validation"));

    n.step(QStringLiteral("A second user with John's email: the unique constraint"),
           QStringLiteral("try { await User.create({ firstName: 'Johnny', lastName: 'Doe', email: 'john@example.com' }); }\n"
                          "catch (error) { /* SequelizeUniqueConstraintError */ }"));
    try {
        User::create({{"firstName", "Johnny"}, {"lastName", "Doe"}, {"email", "john@example.com"}});
        n.result(QStringLiteral("unexpected: the duplicate was inserted"));
    } catch (const orm::UniqueConstraintError &e) {
        n.result(QStringLiteral("caught orm::UniqueConstraintError on %1 (fields: %2)")
                     .arg(e.model(), e.fields().isEmpty() ? QStringLiteral("unknown") : e.fields().join(QStringLiteral(", "))));
    }

    n.step(QStringLiteral("A user without lastName and email: allowNull: false"),
           QStringLiteral("try { await User.create({ firstName: 'Nameless' }); }\n"
                          "catch (error) { error.errors.forEach(e => console.log(e.path, e.validatorKey, e.message)); }"));
    try {
        User::create({{"firstName", "Nameless"}});
        n.result(QStringLiteral("unexpected: the user was inserted"));
    } catch (const orm::ValidationError &e) {
        n.result(QStringLiteral("caught orm::ValidationError with %1 items (no SQL ran: checked before the INSERT)").arg(e.items().size()));
        for (const orm::ValidationErrorItem &item : e.items())
            n.result(QStringLiteral("%1.%2 [%3]: %4").arg(item.model, item.field, item.validator, item.message));
    }
    // The seed's validate: { isEmail, notEmpty, len: [3, 20], isAlphanumeric, min, max } and
    // custom validators (isStrong) come with the validation work: Quarry already reads them
    // from Q_CLASSINFO ("email", "allowNull=false unique isEmail"), but does not enforce them
    // yet, so this walkthrough shows only what runs today: allowNull and unique.
}

QString errorKind(const orm::Error &e)
{
    if (dynamic_cast<const orm::UniqueConstraintError *>(&e)) return QStringLiteral("UniqueConstraintError");
    if (dynamic_cast<const orm::ForeignKeyConstraintError *>(&e)) return QStringLiteral("ForeignKeyConstraintError");
    if (dynamic_cast<const orm::ConstraintError *>(&e)) return QStringLiteral("ConstraintError");
    if (dynamic_cast<const orm::DatabaseError *>(&e)) return QStringLiteral("DatabaseError");
    if (dynamic_cast<const orm::ValidationError *>(&e)) return QStringLiteral("ValidationError");
    if (dynamic_cast<const orm::ConnectionError *>(&e)) return QStringLiteral("ConnectionError");
    if (dynamic_cast<const orm::DefinitionError *>(&e)) return QStringLiteral("DefinitionError");
    if (dynamic_cast<const orm::QueryError *>(&e)) return QStringLiteral("QueryError");
    if (dynamic_cast<const orm::EmptyResultError *>(&e)) return QStringLiteral("EmptyResultError");
    return QStringLiteral("Error");
}

// A server database must not hold the walkthrough's tables already: its rows would collide
// with the ones it creates. --reset drops them first.
void prepareDatabase(const QString &url, bool reset)
{
    orm::Database db = orm::Database::open(url);
    db.define<User, Profile, Post, Group, UserGroup, Member>();
    if (reset) {
        defineAssociations(QStringLiteral("UserGroup"));
        defineFollowAssociations();
        db.drop();
    } else {
        bool exists = true;
        try {
            User::count();
        } catch (const orm::DatabaseError &) {
            exists = false;
        }
        if (exists)
            throw orm::Error(QStringLiteral("%1 already has a \"Users\" table: run the walkthrough on an empty database, "
                                            "or pass --reset to drop the walkthrough's tables first")
                                 .arg(db.url()));
    }
    db.close();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("seed-walkthrough"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The seed's Sequelize guide, step by step, on Quarry; prints the SQL of every step."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database URL (sqlite:path, postgres://..., mariadb://...)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("memory"), QStringLiteral("Use sqlite::memory: instead of a temporary SQLite file.")});
    parser.addOption({QStringLiteral("quiet-sql"), QStringLiteral("Do not print the SQL of each step.")});
    parser.addOption({QStringLiteral("reset"), QStringLiteral("Drop the walkthrough's tables first (for a database used before).")});
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Database URL, as --db."), QStringLiteral("[url]"));
    parser.process(app);

    QString url = parser.value(QStringLiteral("db"));
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (!positional.isEmpty() && !url.isEmpty())) {
        std::fprintf(stderr, "seed-walkthrough: give one database URL (--db URL or a single argument)\n");
        return 2;
    }
    if (url.isEmpty() && !positional.isEmpty())
        url = positional.first();
    if (!url.isEmpty() && parser.isSet(QStringLiteral("memory"))) {
        std::fprintf(stderr, "seed-walkthrough: --memory and a database URL exclude each other\n");
        return 2;
    }

    Narrator n(!parser.isSet(QStringLiteral("quiet-sql")));
    QTemporaryDir tmp;
    if (parser.isSet(QStringLiteral("memory"))) {
        url = QStringLiteral("sqlite::memory:");
    } else if (url.isEmpty()) {
        if (!tmp.isValid()) {
            std::fprintf(stderr, "seed-walkthrough: cannot create a temporary directory: %s\n", qPrintable(tmp.errorString()));
            return 2;
        }
        url = QStringLiteral("sqlite:") + tmp.filePath(QStringLiteral("walkthrough.db"));
        n.hide(tmp.path(), QStringLiteral("<tmpdir>"));
    }

    try {
        const bool memory = url == QLatin1String("sqlite::memory:");
        if (!memory)
            prepareDatabase(url, parser.isSet(QStringLiteral("reset")));
        orm::Database db = connect(n, url);
        firstModel(n, db);
        modelOptions(n, db);
        oneToOne(n, db);
        oneToMany(n, db);
        manyToMany(n, db);
        db = customJunction(n, db, url);
        selfReference(n, db);
        synchronizing(n, db);
        organization(n, db);
        errorHandling(n);
        n.section(QStringLiteral("Done"));
        n.note(QStringLiteral("Every section of the seed ran on %1.").arg(db.dialectName()));
        return 0;
    } catch (const orm::Error &e) {
        std::fflush(stdout);
        std::fprintf(stderr, "seed-walkthrough: failed with orm::%s: %s\n", qPrintable(errorKind(e)), e.what());
        return 1;
    } catch (const std::exception &e) {
        std::fflush(stdout);
        std::fprintf(stderr, "seed-walkthrough: failed: %s\n", e.what());
        return 1;
    }
}
