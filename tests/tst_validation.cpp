// Validation (the seed's "Error Handling and Validation"): every built-in validator with
// values that pass and values that fail (pure, no database), bad arguments as
// DefinitionErrors at define time, custom and model-wide validators, messages and their
// translation, and the ORM rules on SQLite, PostgreSQL and MariaDB: nothing is written
// when validation fails, an update validates only what changed, static update validates
// its values, bulkCreate with validate is all or nothing and names the failing records.
#include "TestSupport.h"
#include "validate/Validators.h"

#include <orm/Validation.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTranslator>
#include <QUuid>
#include <atomic>
#include <optional>
#include <thread>
#include <vector>

using namespace quarry::test;

// Catches ExceptionType from the expression into var (std::optional); anything else fails.
#define VAL_CATCH(ExceptionType, var, ...)                                                                             \
    std::optional<ExceptionType> var;                                                                                  \
    do {                                                                                                               \
        try {                                                                                                          \
            __VA_ARGS__;                                                                                               \
        } catch (const ExceptionType &valE) {                                                                          \
            var.emplace(valE);                                                                                         \
        } catch (const std::exception &valE) {                                                                         \
            QFAIL(qPrintable(QStringLiteral("expected " #ExceptionType ", got: %1").arg(QString::fromUtf8(valE.what())))); \
        }                                                                                                              \
        if (!var)                                                                                                      \
            QFAIL("expected " #ExceptionType " from " #__VA_ARGS__);                                                   \
    } while (false)

namespace val {

// The seed's User, with its validators:
//   email: allowNull false, unique, isEmail, notEmpty; age: min 0, max 120;
//   username: len [3, 20], isAlphanumeric, notEmpty; password: isStrong (custom).
class User : public orm::Model<User>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString email MEMBER email)
    Q_PROPERTY(int age MEMBER age)
    Q_PROPERTY(QString username MEMBER username)
    Q_PROPERTY(QString password MEMBER password)
    Q_PROPERTY(QString nickname MEMBER nickname)
    Q_PROPERTY(QString website MEMBER website)
    Q_CLASSINFO("email", "allowNull=false unique isEmail notEmpty")
    Q_CLASSINFO("age", "min=0 max=120")
    Q_CLASSINFO("username", "len=3,20 isAlphanumeric notEmpty")
    Q_CLASSINFO("website", "isUrl")
public:
    Q_INVOKABLE explicit User(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString email;
    int age = 0;
    QString username, password, nickname, website;
};

// Custom messages, for a validator and for allowNull=false.
class Coupon : public orm::Model<Coupon>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString code MEMBER code)
    Q_PROPERTY(QString email MEMBER email)
    Q_PROPERTY(int percent MEMBER percent)
    Q_CLASSINFO("code", "allowNull=false is=/^[A-Z]{3}[0-9]{2}$/ msg:is='A code is three capitals and two digits' "
                        "msg:notNull='Every coupon needs a code'")
    Q_CLASSINFO("email", "msg:isEmail='Please give a real email' isEmail")
    Q_CLASSINFO("percent", "min=1 max=100 msg:max='At most 100%'")
public:
    Q_INVOKABLE explicit Coupon(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString code, email;
    int percent = 10;
};

// Bad declarations: DefinitionErrors naming the model and the field.
class BadLen : public orm::Model<BadLen>
{
    Q_OBJECT
    Q_PROPERTY(QString name MEMBER name)
    Q_CLASSINFO("name", "notEmpty len=abc")
public:
    Q_INVOKABLE explicit BadLen(QObject *parent = nullptr) : Model(parent) {}
    QString name;
};

class BadRegex : public orm::Model<BadRegex>
{
    Q_OBJECT
    Q_PROPERTY(QString name MEMBER name)
    Q_CLASSINFO("name", "is=(")
public:
    Q_INVOKABLE explicit BadRegex(QObject *parent = nullptr) : Model(parent) {}
    QString name;
};

class BadMessage : public orm::Model<BadMessage>
{
    Q_OBJECT
    Q_PROPERTY(QString name MEMBER name)
    Q_CLASSINFO("name", "notEmpty msg:isEmail='Not declared'")
public:
    Q_INVOKABLE explicit BadMessage(QObject *parent = nullptr) : Model(parent) {}
    QString name;
};

} // namespace val

using val::Coupon;
using val::User;

namespace {

// Translates the "orm::Validation" context into «…», to see that every message goes
// through Qt's translation system.
class Guillemets : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "orm::Validation") != 0)
            return {};
        return QStringLiteral("«") + QString::fromUtf8(source) + QStringLiteral("»");
    }
    bool isEmpty() const override { return false; }
};

const char *strongMessage = "Password must have uppercase, lowercase, number, and be 8+ chars";

// The seed's isStrong, as a custom validator.
void defineUser(orm::Database &db)
{
    db.define<User>();
    User::validate("password", "isStrong", [](const QVariant &value) {
        static const QRegularExpression strong(QStringLiteral("^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$"));
        if (!strong.match(value.toString()).hasMatch())
            throw orm::ValidatorFailure(QString::fromLatin1(strongMessage));
    });
    db.sync();
}

QVariantMap goodUser(const QString &name)
{
    return {{"email", name + "@example.com"}, {"age", 30}, {"username", name}, {"password", "Secret123"}};
}

QStringList describe(const QList<orm::ValidationErrorItem> &items)
{
    QStringList out;
    for (const auto &i : items)
        out.append(i.field + QLatin1Char(':') + i.validator);
    return out;
}

int inserts(const StatementCounter &c)
{
    return int(c.statements().filter(QRegularExpression(QStringLiteral("^\\s*INSERT"), QRegularExpression::CaseInsensitiveOption)).size());
}

int updates(const StatementCounter &c)
{
    return int(c.statements().filter(QRegularExpression(QStringLiteral("^\\s*UPDATE"), QRegularExpression::CaseInsensitiveOption)).size());
}

// The JSON model: validators from "validate", a custom one and a model-wide one in code.
orm::ModelHandle definePlace(orm::Database &db)
{
    const QJsonObject attributes{
        {"name", QJsonObject{{"type", "STRING"},
                             {"allowNull", false},
                             {"validate", QJsonObject{{"notEmpty", QJsonObject{{"msg", "A place needs a name"}}},
                                                      {"len", QJsonArray{2, 40}},
                                                      {"notNull", QJsonObject{{"msg", "Name the place"}}}}}}},
        {"latitude", QJsonObject{{"type", "DOUBLE"}, {"validate", QJsonObject{{"min", -90}, {"max", 90}}}}},
        {"longitude", QJsonObject{{"type", "DOUBLE"},
                                  {"validate", QJsonObject{{"min", -180},
                                                           {"max", QJsonObject{{"args", 180}, {"msg", "Longitude is at most 180"}}}}}}},
        {"kind", QJsonObject{{"type", "STRING"}, {"validate", QJsonObject{{"isIn", QJsonArray{QJsonArray{"city", "town, small"}}}}}}},
        {"code", QJsonObject{{"type", "STRING"}, {"validate", QJsonObject{{"is", QJsonArray{"^[a-z]+$", "i"}}}}}},
        {"path", QJsonObject{{"type", "STRING"}, {"validate", QJsonObject{{"is", "^/srv/"}, {"notContains", ".."}}}}},
    };
    orm::ModelHandle place = db.define("Place", attributes);
    place.addModelValidator("bothCoordsOrNone", [](const orm::Instance &i) {
        if (orm::isNullValue(i.get("latitude")) != orm::isNullValue(i.get("longitude")))
            throw orm::ValidatorFailure("Either both latitude and longitude, or neither!");
    });
    place.addValidator("name", "notReserved", [](const QVariant &v) {
        if (v.toString() == QLatin1String("Nowhere"))
            throw std::runtime_error("Nowhere is reserved"); // any std::exception counts
    });
    place.sync();
    return place;
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT
private slots:
    // ---- pure: each built-in validator ------------------------------------------------

    void builtin_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<bool>("passes");
        int n = 0;
        auto row = [&](const QString &token, const QVariant &value, bool passes) {
            QString shown = value.toString();
            shown.replace(QLatin1Char('\n'), QLatin1String("\\n")).replace(QLatin1Char('\r'), QLatin1String("\\r")).replace(QLatin1Char('\t'), QLatin1String("\\t"));
            const QString name = QStringLiteral("%1 %2 %3 #%4").arg(passes ? "pass" : "fail", token, shown).arg(++n);
            QTest::newRow(qPrintable(name)) << token << value << passes;
        };
        auto pass = [&](const QString &t, const QVariant &v) { row(t, v, true); };
        auto fail = [&](const QString &t, const QVariant &v) { row(t, v, false); };

        pass("isEmail", "foo@bar.com");
        pass("isEmail", "x.y+z@sub.example.co.uk");
        pass("isEmail", QString::fromUtf8("üñî@example.com"));
        pass("isEmail", "\"john doe\"@example.com");
        fail("isEmail", "foo");
        fail("isEmail", "foo@bar");
        fail("isEmail", "foo@bar.c");
        fail("isEmail", "a..b@example.com");
        fail("isEmail", "@example.com");
        fail("isEmail", "foo@-bar.com");
        fail("isEmail", "foo bar@example.com");
        fail("isEmail", "foo@bar_baz.com");
        fail("isEmail", QString(65, QLatin1Char('a')) + "@example.com");

        pass("isUrl", "http://example.com");
        pass("isUrl", "https://www.example.com/path?q=1#frag");
        pass("isUrl", "example.com");
        pass("isUrl", "ftp://user:pw@files.example.org:21/file.txt");
        pass("isUrl", "http://[::1]:8080/");
        pass("isUrl", "http://127.0.0.1/");
        fail("isUrl", "http://");
        fail("isUrl", "mailto:a@example.com");
        fail("isUrl", "example");
        fail("isUrl", "http://exa mple.com");
        fail("isUrl", "gopher://example.com");
        fail("isUrl", "//example.com");
        fail("isUrl", "http://example.com:99999");
        fail("isUrl", "javascript:alert(1)");

        pass("isIP", "127.0.0.1");
        pass("isIP", "::1");
        pass("isIP", "2001:db8::ff00:42:8329");
        fail("isIP", "256.1.1.1");
        fail("isIP", "1.2.3");
        fail("isIP", "01.2.3.4");
        fail("isIP", "abc");
        pass("isIP=4", "10.0.0.1");
        fail("isIP=4", "::1");
        pass("isIP=6", "fe80::1%eth0");
        fail("isIP=6", "10.0.0.1");
        pass("isIPv4", "192.168.0.1");
        fail("isIPv4", "1.1.1.1.1");
        fail("isIPv4", "::1");
        pass("isIPv6", "::ffff:192.168.0.1");
        pass("isIPv6", "1:2:3:4:5:6:7:8");
        fail("isIPv6", "1:2:3:4:5:6:7:8:9");
        fail("isIPv6", "12345::");
        fail("isIPv6", "::g");

        pass("isAlpha", "abcXYZ");
        fail("isAlpha", "abc1");
        fail("isAlpha", "ab c");
        fail("isAlpha", QStringLiteral(""));
        fail("isAlpha", QString::fromUtf8("café"));
        pass("isAlpha=de-DE", QString::fromUtf8("Straße"));
        fail("isAlpha=de-DE", QString::fromUtf8("Straße1"));
        pass("isAlphanumeric", "abc123");
        fail("isAlphanumeric", "abc_123");
        fail("isAlphanumeric", "abc 1");
        pass("isAlphanumeric=fr-FR", QString::fromUtf8("Élève2"));

        pass("isNumeric", "123");
        pass("isNumeric", "-1.5");
        pass("isNumeric", "+.5");
        pass("isNumeric", 42);
        fail("isNumeric", "1e5");
        fail("isNumeric", "12a");
        fail("isNumeric", QStringLiteral(""));
        fail("isNumeric", "1.");

        pass("isInt", "42");
        pass("isInt", "-7");
        pass("isInt", "007");
        pass("isInt", 42);
        fail("isInt", "4.2");
        fail("isInt", "4e2");
        fail("isInt", "abc");
        fail("isInt", 4.5);

        pass("isFloat", "4.2");
        pass("isFloat", "-.5");
        pass("isFloat", "1e10");
        pass("isFloat", "42");
        pass("isFloat", 2.5);
        fail("isFloat", QStringLiteral(""));
        fail("isFloat", ".");
        fail("isFloat", "+");
        fail("isFloat", "abc");
        fail("isFloat", "1.2.3");

        pass("isDecimal", "0.1");
        pass("isDecimal", "-3");
        pass("isDecimal", "1.5e3");
        pass("isDecimal", ".5");
        fail("isDecimal", QStringLiteral(""));
        fail("isDecimal", "abc");
        fail("isDecimal", "1,5");
        fail("isDecimal", "--1");

        pass("isLowercase", "abc");
        pass("isLowercase", "abc 123");
        fail("isLowercase", "aBc");
        pass("isUppercase", "ABC");
        pass("isUppercase", "ABC 1");
        fail("isUppercase", "ABc");

        pass("isUUID", "A987FBC9-4BED-3078-CF07-9141BA07C9F3");
        pass("isUUID", QUuid::createUuid());
        fail("isUUID", "xxxA987FBC9-4BED-3078-CF07-9141BA07C9F3");
        fail("isUUID", "A987FBC9-4BED-3078-CF07-9141BA07C9F");
        fail("isUUID", "A987FBC9-4BED-3078-CF07-9141BA07C9FG");
        pass("isUUID=4", "713ae7e3-cb32-45f9-adcb-7c4fa86b90c1");
        fail("isUUID=4", "A987FBC9-4BED-3078-CF07-9141BA07C9F3");
        pass("isUUID=3", "A987FBC9-4BED-3078-CF07-9141BA07C9F3");

        pass("isDate", "2011-11-05");
        pass("isDate", "2011-11-05T14:48:00Z");
        pass("isDate", "2011-11-05T14:48:00.000+02:00");
        pass("isDate", "Tue, 01 Nov 2011 10:00:00 +0000");
        pass("isDate", "2011/11/05");
        pass("isDate", QDate(2020, 1, 1));
        pass("isDate", QDateTime(QDate(2020, 1, 1), QTime(1, 2), Qt::UTC));
        fail("isDate", "not a date");
        fail("isDate", "2011-13-45");
        fail("isDate", QStringLiteral(""));

        pass("isAfter=2011-11-05", "2011-11-06");
        pass("isAfter=2011-11-05", QDateTime(QDate(2012, 1, 1), QTime(0, 0), Qt::UTC));
        fail("isAfter=2011-11-05", "2011-11-04");
        fail("isAfter=2011-11-05", "2011-11-05");
        fail("isAfter=2011-11-05", "garbage");
        pass("isBefore=2011-11-05", "2011-11-04");
        pass("isBefore=2011-11-05", QDate(2000, 1, 1));
        fail("isBefore=2011-11-05", "2011-11-06");
        pass("isAfter", "2999-01-01");
        fail("isAfter", "2000-01-01");
        pass("isBefore", "2000-01-01");
        fail("isBefore", "2999-01-01");

        pass("isIn=a,b,c", "a");
        fail("isIn=a,b,c", "d");
        fail("isIn=a,b,c", "a,b");
        pass("isIn=1,2,3", 2);
        pass("isIn=[\"a,b\",\"c d\"]", "a,b");
        pass("isIn=[\"a,b\",\"c d\"]", "c d");
        fail("isIn=[\"a,b\",\"c d\"]", "a");
        pass("isIn=true", true);
        pass("notIn=x,y", "z");
        fail("notIn=x,y", "x");

        pass("contains=foo", "seafood");
        fail("contains=foo", "bar");
        pass("notContains=foo", "bar");
        fail("notContains=foo", "food");
        pass("equals=false", false);
        fail("equals=false", "true");
        pass("equals=abc", "abc");
        fail("equals=abc", "abcd");
        fail("equals=abc", "ABC");

        pass("notEmpty", "a");
        pass("notEmpty", " a ");
        pass("notEmpty", 0);
        fail("notEmpty", QStringLiteral(""));
        fail("notEmpty", "   ");
        fail("notEmpty", "\t\r\n");

        pass("len=3,20", "abc");
        pass("len=3,20", QString(20, QLatin1Char('x')));
        pass("len=3,20", QString::fromUtf8("😀😀😀")); // three characters, six UTF-16 units
        fail("len=3,20", "ab");
        fail("len=3,20", QString(21, QLatin1Char('x')));
        fail("len=3,20", QString::fromUtf8("😀"));
        pass("len=3", QString(100, QLatin1Char('x')));
        fail("len=3", "ab");
        pass("len=0,2", QStringLiteral(""));
        fail("len=0,2", 123);

        pass("min=0", 0);
        pass("min=0", 5);
        pass("min=0", "12abc");  // parseFloat: 12
        pass("min=0", "abc");    // NaN passes, as in Sequelize
        fail("min=0", -1);
        fail("min=0", "-0.5");
        fail("min=0", -0.001);
        pass("max=120", 120);
        pass("max=120", "1e2");
        fail("max=120", 121);
        fail("max=120", 120.5);
        pass("min=-1.5", -1.5);
        fail("min=-1.5", -2);

        pass("is=^[a-z]+$", "abc");
        fail("is=^[a-z]+$", "abc1");
        fail("is=^[a-z]+$", "ABC");
        pass("is=/^[a-z]+$/i", "ABC");
        pass("is=\\d", "a1b"); // matches anywhere unless anchored
        fail("is=\\d", "ab");
        pass("is=/^a.b$/s", "a\nb");
        fail("is=/^a.b$/", "a\nb");
        pass("not=^[0-9]", "a1");
        fail("not=^[0-9]", "1a");
        pass("not=/^x/i", "ab");
        fail("not=/^x/i", "Xb");

        pass("isCreditCard", "4111111111111111");
        pass("isCreditCard", "4111-1111-1111-1111");
        pass("isCreditCard", "5500 0000 0000 0004");
        pass("isCreditCard", "378282246310005");
        fail("isCreditCard", "4111111111111112"); // Luhn
        fail("isCreditCard", "1234");
        fail("isCreditCard", "abcdabcdabcdabcd");
    }
    void builtin()
    {
        QFETCH(QString, token);
        QFETCH(QVariant, value);
        QFETCH(bool, passes);
        const orm::BuiltinValidator v(token);
        QVERIFY(v.isEnabled());
        QCOMPARE(v.token(), token);
        QVERIFY(orm::builtinValidatorNames().contains(v.name()));
        QCOMPARE(v.accepts(value), passes);
        // A null value skips every built-in validator.
        QVERIFY(v.accepts(QVariant()));
        QVERIFY(v.accepts(QVariant(QString())));
    }

    void everyBuiltinIsCovered()
    {
        const QStringList names = orm::builtinValidatorNames();
        QCOMPARE(names.size(), 29);
        for (const char *n : {"isEmail", "isUrl", "isIP", "isIPv4", "isIPv6", "isAlpha", "isAlphanumeric", "isNumeric",
                              "isInt", "isFloat", "isDecimal", "isLowercase", "isUppercase", "isUUID", "isDate", "isAfter",
                              "isBefore", "isIn", "notIn", "contains", "notContains", "equals", "notEmpty", "len", "min",
                              "max", "is", "not", "isCreditCard"})
            QVERIFY2(names.contains(QString::fromLatin1(n)), n);
        // Turned off: accepts everything.
        const orm::BuiltinValidator off(QStringLiteral("notEmpty=false"));
        QVERIFY(!off.isEnabled());
        QVERIFY(off.accepts(QStringLiteral("")));
        QVERIFY(orm::BuiltinValidator(QStringLiteral("notEmpty=true")).isEnabled());
    }

    // One compiled validator is shared by every thread that validates the model.
    void sharedAcrossThreads()
    {
        const orm::BuiltinValidator email(QStringLiteral("isEmail"));
        const orm::BuiltinValidator code(QStringLiteral("is=/^[a-z]{3}[0-9]+$/i"));
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 2000; ++i) {
                    const QString n = QString::number(t * 10000 + i);
                    if (!email.accepts(QStringLiteral("u%1@example.com").arg(n)) || email.accepts(QStringLiteral("u%1@").arg(n))
                        || !code.accepts(QStringLiteral("AbC") + n) || code.accepts(n))
                        ++wrong;
                }
            });
        for (auto &th : threads)
            th.join();
        QCOMPARE(wrong.load(), 0);
    }

    void badArgument_data()
    {
        QTest::addColumn<QString>("token");
        for (const char *t : {"len=abc", "len=5,2", "len=1,2,3", "len=-1", "len", "min=abc", "min", "max=", "is=(",
                              "is", "not=[", "is=/a/x", "isIn", "isIn=", "isIn=[1,", "isIn=[[1]]", "isIP=5", "isUUID=9",
                              "isAlpha=xx-XX", "isEmail=yes", "isAfter=not a date", "equals", "contains", "bogus", "notNull"})
            QTest::newRow(t) << QString::fromUtf8(t);
    }
    void badArgument()
    {
        QFETCH(QString, token);
        VAL_CATCH(orm::DefinitionError, e, orm::BuiltinValidator(token, QStringLiteral("Model.field")));
        QVERIFY2(e->message().startsWith(QLatin1String("Model.field: ")), qPrintable(e->message()));
    }

    // Bad declarations fail when the model is defined, naming the model and the field.
    void definitionErrors()
    {
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        {
            VAL_CATCH(orm::DefinitionError, e, db.define<val::BadLen>());
            QVERIFY2(e->message().contains("BadLen.name") && e->message().contains("abc"), qPrintable(e->message()));
        }
        {
            VAL_CATCH(orm::DefinitionError, e, db.define<val::BadRegex>());
            QVERIFY2(e->message().contains("BadRegex.name") && e->message().contains("regular expression"),
                     qPrintable(e->message()));
        }
        {
            VAL_CATCH(orm::DefinitionError, e, db.define<val::BadMessage>());
            QVERIFY2(e->message().contains("BadMessage.name") && e->message().contains("isEmail"), qPrintable(e->message()));
        }
        auto jsonError = [&](const QJsonObject &validate) {
            try {
                db.define("Bad", {{"name", QJsonObject{{"type", "STRING"}, {"validate", validate}}}});
            } catch (const orm::DefinitionError &e) {
                return e.message();
            }
            return QString();
        };
        for (const QJsonObject &bad : {QJsonObject{{"len", QJsonArray{"a"}}}, QJsonObject{{"isFoo", true}},
                                       QJsonObject{{"is", QJsonArray{"("}}}, QJsonObject{{"min", QJsonArray{}}},
                                       QJsonObject{{"max", QJsonObject{{"arg", 3}}}}, QJsonObject{{"isIn", QJsonObject{{"msg", 3}}}},
                                       QJsonObject{{"contains", QJsonArray{QJsonObject{}}}}}) {
            const QString why = jsonError(bad);
            QVERIFY2(why.contains("Bad.name"), qPrintable(QJsonDocument(bad).toJson(QJsonDocument::Compact) + " -> " + why));
        }
        QVERIFY(jsonError(QJsonObject{{"isEmail", false}, {"len", QJsonArray{1, 5}}}).isEmpty());
    }

    // Tokens are compiled once, when the model is defined.
    void compiledAtDefine()
    {
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        db.define<User, Coupon>();
        const orm::FieldMeta *username = User::modelMeta().field("username");
        QCOMPARE(username->validators, (QStringList{"len=3,20", "isAlphanumeric", "notEmpty"}));
        QVERIFY(username->compiledValidators);
        QCOMPARE(username->compiledValidators->builtins.size(), 3);
        QCOMPARE(username->compiledValidators->builtins.at(0).name, QStringLiteral("len"));
        QVERIFY(!User::modelMeta().field("nickname")->compiledValidators);
        const orm::FieldMeta *code = Coupon::modelMeta().field("code");
        QCOMPARE(code->compiledValidators->builtins.size(), 1);
        QCOMPARE(code->compiledValidators->builtins.at(0).message, QStringLiteral("A code is three capitals and two digits"));
        QCOMPARE(code->compiledValidators->notNullMessage, QStringLiteral("Every coupon needs a code"));
        // The JSON form becomes the same tokens.
        orm::ModelHandle place = definePlace(db);
        QCOMPARE(place.meta().field("kind")->validators, QStringList{"isIn=[\"city\",\"town, small\"]"});
        QCOMPARE(place.meta().field("code")->validators, QStringList{"is=/^[a-z]+$/i"});
        QCOMPARE(place.meta().field("longitude")->validators, (QStringList{"max=180", "msg:max=Longitude is at most 180", "min=-180"}));
    }

    void translatedMessages()
    {
        Guillemets translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const orm::BuiltinValidator email(QStringLiteral("isEmail"));
        QCOMPARE(email.message("email"), QStringLiteral("«Validation isEmail on email failed»"));
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        db.define<Coupon>();
        db.sync();
        {
            VAL_CATCH(orm::ValidationError, e, Coupon::create({{"email", "nope"}}));
            QCOMPARE(describe(e->items()), (QStringList{"code:notNull", "email:isEmail"}));
            QCOMPARE(e->items().at(0).message, QStringLiteral("«Every coupon needs a code»"));
            QCOMPARE(e->items().at(1).message, QStringLiteral("«Please give a real email»"));
            QVERIFY2(e->message().startsWith(QStringLiteral("«Validation failed: ")), qPrintable(e->message()));
        }
        {
            VAL_CATCH(orm::ValidationError, e, Coupon::create({{"code", "ABC12"}, {"percent", 0}}));
            QCOMPARE(e->items().first().message, QStringLiteral("«Validation min on percent failed»"));
        }
        QVERIFY(QCoreApplication::removeTranslator(&translator));
        VAL_CATCH(orm::ValidationError, e, Coupon::create({{"code", "ABC12"}, {"percent", 0}}));
        QCOMPARE(e->items().first().message, QStringLiteral("Validation min on percent failed"));
    }

    // ---- the ORM, on every dialect ------------------------------------------------------

    // The seed's User: a good one goes in; a bad one reports every failure and writes nothing.
    void seedUser_data() { addDialectColumn(); }
    void seedUser()
    {
        QUARRY_OPEN_DB();
        defineUser(db);
        const auto john = User::create(goodUser("john"));
        QVERIFY(john->id > 0);
        QCOMPARE(rawCount(db, "Users"), 1);

        StatementCounter counter(db);
        {
            VAL_CATCH(orm::ValidationError, e,
                      User::create({{"email", "not-an-email"}, {"age", 150}, {"username", "a!"}, {"password", "weak"},
                                    {"website", "not a url"}}));
            QCOMPARE(describe(e->items()),
                     (QStringList{"email:isEmail", "age:max", "username:len", "username:isAlphanumeric", "password:isStrong",
                                  "website:isUrl"}));
            const orm::ValidationErrorItem &email = e->items().at(0);
            QCOMPARE(email.model, QStringLiteral("User"));
            QCOMPARE(email.value, QVariant(QStringLiteral("not-an-email")));
            QCOMPARE(email.message, QStringLiteral("Validation isEmail on email failed"));
            QCOMPARE(email.record, -1);
            QCOMPARE(e->items().at(1).value.toInt(), 150);
            QCOMPARE(e->items().at(4).message, QString::fromLatin1(strongMessage));
            for (const auto &i : e->items())
                QVERIFY2(e->message().contains(i.message), qPrintable(e->message()));
        }
        // '' is a value: isEmail and notEmpty fail, not notNull.
        {
            auto values = goodUser("empty");
            values["email"] = QStringLiteral("");
            VAL_CATCH(orm::ValidationError, e, User::create(values));
            QCOMPARE(describe(e->items()), (QStringList{"email:isEmail", "email:notEmpty"}));
        }
        // null on allowNull=false: exactly one notNull item, the field's validators do not run.
        {
            auto values = goodUser("nulled");
            values.remove("email");
            VAL_CATCH(orm::ValidationError, e, User::create(values));
            QCOMPARE(describe(e->items()), QStringList{"email:notNull"});
            QCOMPARE(e->items().first().message, QStringLiteral("User.email cannot be null"));
        }
        // Age below the minimum; a username too long.
        {
            auto values = goodUser("young");
            values["age"] = -1;
            values["username"] = QString(21, QLatin1Char('a'));
            VAL_CATCH(orm::ValidationError, e, User::create(values));
            QCOMPARE(describe(e->items()), (QStringList{"age:min", "username:len"}));
        }
        QCOMPARE(inserts(counter), 0);
        QCOMPARE(rawCount(db, "Users"), 1);

        // Boundaries pass.
        auto edge = goodUser("abc");
        edge["age"] = 120;
        edge["website"] = "https://example.org/x";
        User::create(edge);
        edge = goodUser(QString(20, QLatin1Char('z')));
        edge["age"] = 0;
        User::create(edge);
        QCOMPARE(rawCount(db, "Users"), 3);

        // build() + save() validates the same way.
        auto built = User::build({{"email", "x@y"}, {"username", "builder"}, {"password", "Secret123"}});
        VAL_CATCH(orm::ValidationError, e, built->save());
        QCOMPARE(describe(e->items()), QStringList{"email:isEmail"});
        QVERIFY(built->isNewRecord());
        QCOMPARE(rawCount(db, "Users"), 3);

        // .validate = false skips the validators (not notNull).
        User::create({{"email", "unchecked"}, {"age", 500}, {"username", "!"}}, {.validate = false});
        QCOMPARE(rawCount(db, "Users", R"("email" = 'unchecked' AND "age" = 500)"), 1);
        VAL_CATCH(orm::ValidationError, n, User::create({{"age", 5}}, {.validate = false}));
        QCOMPARE(describe(n->items()), QStringList{"email:notNull"});
        QCOMPARE(rawCount(db, "Users"), 4);
    }

    // A null value skips the built-in validators; custom validators still run and see it.
    void customValidatorWithNull_data() { addDialectColumn(); }
    void customValidatorWithNull()
    {
        QUARRY_OPEN_DB();
        defineUser(db);
        QList<QVariant> seen;
        User::validate("nickname", "notBob", [&seen](const QVariant &v) {
            seen.append(v);
            if (v.toString().compare(QLatin1String("bob"), Qt::CaseInsensitive) == 0)
                throw orm::ValidatorFailure(QString());
        });
        int emailCalls = 0;
        User::validate("email", "counted", [&emailCalls](const QVariant &) { ++emailCalls; });

        // nickname and website are null: isUrl does not run, notBob does (with the null).
        User::create(goodUser("ann"));
        QCOMPARE(seen.size(), 1);
        QVERIFY(orm::isNullValue(seen.first()));
        QCOMPARE(emailCalls, 1);

        auto values = goodUser("bobby");
        values["nickname"] = "Bob";
        VAL_CATCH(orm::ValidationError, e, User::create(values));
        QCOMPARE(describe(e->items()), QStringList{"nickname:notBob"});
        QCOMPARE(e->items().first().message, QStringLiteral("Validation notBob on nickname failed")); // empty: the default
        QCOMPARE(e->items().first().value, QVariant(QStringLiteral("Bob")));

        // The seed's isStrong runs on a null password too (as in Sequelize: the regex fails).
        values = goodUser("nopass");
        values.remove("password");
        VAL_CATCH(orm::ValidationError, p, User::create(values));
        QCOMPARE(describe(p->items()), QStringList{"password:isStrong"});

        // null on allowNull=false: only notNull; the custom validator of that field does not run.
        emailCalls = 0;
        values = goodUser("noemail");
        values.remove("email");
        VAL_CATCH(orm::ValidationError, n, User::create(values));
        QCOMPARE(describe(n->items()), QStringList{"email:notNull"});
        QCOMPARE(emailCalls, 0);

        // The same name again replaces the validator.
        User::validate("nickname", "notBob", [](const QVariant &) {});
        values = goodUser("bobby");
        values["nickname"] = "Bob";
        QVERIFY(User::create(values)->id > 0);

        // A failed query inside a validator is not a validation failure: it propagates.
        User::validate("nickname", "broken", [](const QVariant &) { throw orm::QueryError("lookup failed"); });
        QUARRY_EXPECT_THROW(orm::QueryError, User::create(goodUser("carl")));
        QCOMPARE(rawCount(db, "Users"), 2);

        // Unknown attribute, no name: DefinitionError.
        QUARRY_EXPECT_THROW(orm::DefinitionError, User::validate("nope", "x", [](const QVariant &) {}));
        QUARRY_EXPECT_THROW(orm::DefinitionError, User::validate("email", "", [](const QVariant &) {}));
    }

    // save() of a loaded instance validates only the changed fields (and the model-wide ones).
    void updateValidatesOnlyChanged_data() { addDialectColumn(); }
    void updateValidatesOnlyChanged()
    {
        QUARRY_OPEN_DB();
        defineUser(db);
        const auto created = User::create(goodUser("dora"));
        // Invalid values written behind the ORM's back.
        rawExec(db, dialectSql(db, R"(UPDATE "Users" SET "username" = 'x!', "age" = 150, "password" = 'weak')"));
        auto u = User::findByPk(created->id);
        QCOMPARE(u->username, QStringLiteral("x!"));

        // Only nickname changed: username, age and password are not validated.
        u->nickname = QStringLiteral("Dodo");
        u->save();
        QCOMPARE(rawValue(db, R"(SELECT "nickname" FROM "Users")").toString(), QStringLiteral("Dodo"));

        // A bad change fails alone, and nothing is sent.
        StatementCounter counter(db);
        u->email = QStringLiteral("dora-at-example");
        VAL_CATCH(orm::ValidationError, e, u->save());
        QCOMPARE(describe(e->items()), QStringList{"email:isEmail"});
        QCOMPARE(updates(counter), 0);
        QCOMPARE(rawValue(db, R"(SELECT "email" FROM "Users")").toString(), QStringLiteral("dora@example.com"));

        // Instance update() is a save of the given values.
        VAL_CATCH(orm::ValidationError, e2, u->update({{"email", "dora@example.com"}, {"age", -3}}));
        QCOMPARE(describe(e2->items()), QStringList{"age:min"});
        QCOMPARE(updates(counter), 0);

        // Fixed, it goes through; the unchanged invalid username stays.
        u->update({{"email", "dora@example.org"}, {"age", 40}});
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "Users")").toInt(), 40);
        QCOMPARE(rawValue(db, R"(SELECT "username" FROM "Users")").toString(), QStringLiteral("x!"));

        // save({.fields}) validates only those fields.
        u->username = QStringLiteral("!!");
        u->nickname = QStringLiteral("Doreen");
        u->save({.fields = {"nickname"}});
        QCOMPARE(rawValue(db, R"(SELECT "nickname" FROM "Users")").toString(), QStringLiteral("Doreen"));

        // validate = false skips validators, never notNull.
        u->save({.validate = false});
        QCOMPARE(rawValue(db, R"(SELECT "username" FROM "Users")").toString(), QStringLiteral("!!"));
        u->email = QString();
        VAL_CATCH(orm::ValidationError, n, u->save({.validate = false}));
        QCOMPARE(describe(n->items()), QStringList{"email:notNull"});
        QCOMPARE(rawValue(db, R"(SELECT "email" FROM "Users")").toString(), QStringLiteral("dora@example.org"));
    }

    // Model::update validates the values it is given (and only those).
    void staticUpdate_data() { addDialectColumn(); }
    void staticUpdate()
    {
        QUARRY_OPEN_DB();
        defineUser(db);
        User::create(goodUser("eve"));
        User::create(goodUser("finn"));
        rawExec(db, dialectSql(db, R"(UPDATE "Users" SET "username" = '??')"));
        StatementCounter counter(db);
        {
            VAL_CATCH(orm::ValidationError, e,
                      User::update({{"age", 500}, {"email", "bad"}}, {.where = {{"username", "??"}}}));
            QCOMPARE(describe(e->items()), (QStringList{"age:max", "email:isEmail"}));
            QCOMPARE(e->items().first().value.toInt(), 500);
        }
        {
            VAL_CATCH(orm::ValidationError, e, User::update({{"password", "weak"}}, {.where = {{"username", "??"}}}));
            QCOMPARE(describe(e->items()), QStringList{"password:isStrong"});
        }
        {
            VAL_CATCH(orm::ValidationError, e, User::update({{"email", QVariant()}}, {.where = {{"username", "??"}}}));
            QCOMPARE(describe(e->items()), QStringList{"email:notNull"});
        }
        QCOMPARE(updates(counter), 0);
        QCOMPARE(rawCount(db, "Users", R"("age" = 30)"), 2);
        // Valid values go through although other columns of the rows are invalid.
        QCOMPARE(User::update({{"age", 31}}, {.where = {{"username", "??"}}}), 2);
        QCOMPARE(rawCount(db, "Users", R"("age" = 31)"), 2);
        // validate = false skips the validators.
        QCOMPARE(User::update({{"age", 500}}, {.where = {{"username", "??"}}, .validate = false}), 2);
        QCOMPARE(rawCount(db, "Users", R"("age" = 500)"), 2);
    }

    // Model-wide validators, on a run-time model with JSON validators and custom messages.
    void modelWide_data() { addDialectColumn(); }
    void modelWide()
    {
        QUARRY_OPEN_DB();
        orm::ModelHandle place = definePlace(db);
        place.create({{"name", "Paris"}, {"latitude", 48.85}, {"longitude", 2.35}, {"kind", "city"}, {"code", "PAR"}});
        place.create({{"name", "Atlantis"}, {"kind", "town, small"}, {"path", "/srv/atlantis"}});
        QCOMPARE(rawCount(db, "Places"), 2);

        StatementCounter counter(db);
        {
            VAL_CATCH(orm::ValidationError, e, place.create({{"name", "Half"}, {"latitude", 10.0}}));
            QCOMPARE(describe(e->items()), QStringList{":bothCoordsOrNone"});
            QCOMPARE(e->items().first().message, QStringLiteral("Either both latitude and longitude, or neither!"));
            QCOMPARE(e->items().first().model, QStringLiteral("Place"));
        }
        {
            // Field failures and the model-wide one are all reported.
            VAL_CATCH(orm::ValidationError, e,
                      place.create({{"name", " "}, {"longitude", 200.0}, {"kind", "village"}, {"code", "abc1"},
                                    {"path", "/srv/../etc"}}));
            // A JSON model's attributes come in key order (QJsonObject sorts them).
            QCOMPARE(describe(e->items()),
                     (QStringList{"code:is", "kind:isIn", "longitude:max", "name:len", "name:notEmpty", "path:notContains",
                                  ":bothCoordsOrNone"}));
            QCOMPARE(e->items().at(2).message, QStringLiteral("Longitude is at most 180"));
            QCOMPARE(e->items().at(3).message, QStringLiteral("Validation len on name failed"));
            QCOMPARE(e->items().at(4).message, QStringLiteral("A place needs a name"));
        }
        {
            VAL_CATCH(orm::ValidationError, e, place.create({{"name", "Nowhere"}, {"path", "/etc"}}));
            QCOMPARE(describe(e->items()), (QStringList{"name:notReserved", "path:is"}));
            QCOMPARE(e->items().first().message, QStringLiteral("Nowhere is reserved"));
        }
        {
            VAL_CATCH(orm::ValidationError, e, place.create({{"latitude", 1.0}, {"longitude", 1.0}}));
            QCOMPARE(describe(e->items()), QStringList{"name:notNull"});
            QCOMPARE(e->items().first().message, QStringLiteral("Name the place"));
        }
        QCOMPARE(inserts(counter), 0);
        QCOMPARE(rawCount(db, "Places"), 2);

        // On update the model-wide validator sees the whole instance.
        auto paris = place.findOne({.where = {{"name", "Paris"}}});
        paris->set("longitude", QVariant());
        VAL_CATCH(orm::ValidationError, e, paris->save());
        QCOMPARE(describe(e->items()), QStringList{":bothCoordsOrNone"});
        QCOMPARE(updates(counter), 0);
        paris->set("latitude", QVariant());
        paris->save();
        QCOMPARE(rawCount(db, "Places", R"("latitude" IS NULL AND "longitude" IS NULL)"), 2);
        // validate = false skips it.
        paris->set("latitude", 1.0);
        paris->save({.validate = false});
        QCOMPARE(rawCount(db, "Places", R"("latitude" IS NOT NULL)"), 1);
        // Static update does not run model-wide validators (there is no whole row).
        QCOMPARE(place.update({{"latitude", 2.0}}, {.where = {{"name", "Atlantis"}}}), 1);
        VAL_CATCH(orm::ValidationError, e2, place.update({{"latitude", 91.0}}, {.where = {{"name", "Atlantis"}}}));
        QCOMPARE(describe(e2->items()), QStringList{"latitude:max"});
    }

    // bulkCreate with validate: all or nothing, naming the failing records.
    void bulkCreate_data() { addDialectColumn(); }
    void bulkCreate()
    {
        QUARRY_OPEN_DB();
        defineUser(db);
        QList<QVariantMap> records;
        for (int i = 0; i < 6; ++i)
            records.append(goodUser(QStringLiteral("user%1").arg(i)));
        records[1]["email"] = "broken";
        records[4]["age"] = -5;
        records[4]["username"] = "ab";
        records[5].remove("email");
        StatementCounter counter(db);
        {
            VAL_CATCH(orm::ValidationError, e, User::bulkCreate(records, {.validate = true}));
            QCOMPARE(describe(e->items()), (QStringList{"email:isEmail", "age:min", "username:len", "email:notNull"}));
            QList<int> recordsOf;
            for (const auto &i : e->items())
                recordsOf.append(i.record);
            QCOMPARE(recordsOf, (QList<int>{1, 4, 4, 5}));
            QVERIFY2(e->message().contains("records 1, 4, 5"), qPrintable(e->message()));
            QVERIFY2(e->message().contains("nothing was inserted"), qPrintable(e->message()));
        }
        QCOMPARE(inserts(counter), 0);
        QCOMPARE(rawCount(db, "Users"), 0);

        // Without validate (Sequelize's default) only notNull is checked.
        records[5]["email"] = "user5@example.com";
        QCOMPARE(User::bulkCreate(records).size(), 6);
        QCOMPARE(rawCount(db, "Users"), 6);
        QCOMPARE(rawCount(db, "Users", R"("email" = 'broken')"), 1);

        // Fixed, with validate, they all go in.
        QList<QVariantMap> more;
        for (int i = 0; i < 3; ++i)
            more.append(goodUser(QStringLiteral("more%1").arg(i)));
        QCOMPARE(User::bulkCreate(more, {.validate = true}).size(), 3);
        QCOMPARE(rawCount(db, "Users"), 9);

        // The custom validator runs per record too.
        more = {goodUser("pete0"), goodUser("pete1")};
        more[1]["password"] = "short";
        VAL_CATCH(orm::ValidationError, e, User::bulkCreate(more, {.validate = true}));
        QCOMPARE(describe(e->items()), QStringList{"password:isStrong"});
        QCOMPARE(e->items().first().record, 1);
        QCOMPARE(rawCount(db, "Users"), 9);

        // Model-wide validators run per record as well.
        orm::ModelHandle place = definePlace(db);
        VAL_CATCH(orm::ValidationError, pe,
                  place.bulkCreate({{{"name", "A1"}}, {{"name", "B2"}, {"latitude", 3.0}}}, {.validate = true}));
        QCOMPARE(describe(pe->items()), QStringList{":bothCoordsOrNone"});
        QCOMPARE(pe->items().first().record, 1);
        QCOMPARE(rawCount(db, "Places"), 0);
    }

    // The custom messages of Q_CLASSINFO on every dialect.
    void customMessages_data() { addDialectColumn(); }
    void customMessages()
    {
        QUARRY_OPEN_DB();
        db.define<Coupon>();
        db.sync();
        VAL_CATCH(orm::ValidationError, e, Coupon::create({{"code", "abc"}, {"email", "x"}, {"percent", 150}}));
        QCOMPARE(describe(e->items()), (QStringList{"code:is", "email:isEmail", "percent:max"}));
        QCOMPARE(e->items().at(0).message, QStringLiteral("A code is three capitals and two digits"));
        QCOMPARE(e->items().at(1).message, QStringLiteral("Please give a real email"));
        QCOMPARE(e->items().at(2).message, QStringLiteral("At most 100%"));
        QCOMPARE(rawCount(db, "Coupons"), 0);
        QVERIFY(Coupon::create({{"code", "ABC12"}, {"email", "a@b.co"}, {"percent", 100}})->id > 0);
        QCOMPARE(rawCount(db, "Coupons"), 1);
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
