// The built-in validators. Each follows validator.js (with Sequelize's own extensions and
// overrides from lib/utils/validator-extras.js) on the value's String() form; each token is
// turned into a test function once, with its arguments parsed and its regular expressions
// compiled and optimized then.
#include "validate/Validators.h"

#include <orm/Errors.h>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUuid>
#include <cmath>

namespace orm::detail {

namespace {

using Test = std::function<bool(const QVariant &, const QString &)>;

QRegularExpression compiled(const QString &pattern, QRegularExpression::PatternOptions options = {})
{
    QRegularExpression re(pattern, options);
    Q_ASSERT_X(re.isValid(), "validators", qPrintable(re.errorString()));
    re.optimize();
    return re;
}

bool matches(const QRegularExpression &re, const QString &s)
{
    return re.match(s).hasMatch();
}

constexpr auto ci = QRegularExpression::CaseInsensitiveOption;

// ---- validator.js building blocks ------------------------------------------------------

bool isFQDN(const QString &str)
{
    // options: require_tld, no underscores, no trailing dot, no numeric tld, no wildcard
    const QStringList parts = str.split(QLatin1Char('.'));
    const QString tld = parts.last();
    static const QRegularExpression tldRe = compiled(
        QStringLiteral("^([a-z\\x{00A1}-\\x{00A8}\\x{00AA}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}]{2,}|xn[a-z0-9-]{2,})$"), ci);
    static const QRegularExpression space = compiled(
        QStringLiteral("[\\s\\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]"));
    static const QRegularExpression digits = compiled(QStringLiteral("^\\d+$"));
    if (parts.size() < 2 || !matches(tldRe, tld) || matches(space, tld))
        return false;
    if (matches(digits, tld))
        return false;
    // JavaScript's \u00a1-\uffff takes in the surrogates of every character above U+FFFF.
    static const QRegularExpression partRe = compiled(QStringLiteral("^[a-z_\\x{00a1}-\\x{10ffff}0-9-]+$"), ci);
    static const QRegularExpression fullWidth = compiled(QStringLiteral("[\\x{ff01}-\\x{ff5e}]"));
    for (const QString &part : parts) {
        if (part.size() > 63 || !matches(partRe, part) || matches(fullWidth, part))
            return false;
        if (part.startsWith(QLatin1Char('-')) || part.endsWith(QLatin1Char('-')) || part.contains(QLatin1Char('_')))
            return false;
    }
    return true;
}

const QString ipv4Format = QStringLiteral("(?:(?:[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])[.]){3}"
                                          "(?:[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])");

bool isIPv4(const QString &s)
{
    static const QRegularExpression re = compiled(QLatin1Char('^') + ipv4Format + QLatin1Char('$'));
    return matches(re, s);
}

bool isIPv6(const QString &s)
{
    static const QRegularExpression re = [] {
        const QString seg = QStringLiteral("(?:[0-9a-fA-F]{1,4})");
        const QString v4 = ipv4Format;
        QString p = QStringLiteral("^(");
        p += QStringLiteral("(?:%1:){7}(?:%1|:)|").arg(seg);
        p += QStringLiteral("(?:%1:){6}(?:%2|:%1|:)|").arg(seg, v4);
        p += QStringLiteral("(?:%1:){5}(?::%2|(:%1){1,2}|:)|").arg(seg, v4);
        p += QStringLiteral("(?:%1:){4}(?:(:%1){0,1}:%2|(:%1){1,3}|:)|").arg(seg, v4);
        p += QStringLiteral("(?:%1:){3}(?:(:%1){0,2}:%2|(:%1){1,4}|:)|").arg(seg, v4);
        p += QStringLiteral("(?:%1:){2}(?:(:%1){0,3}:%2|(:%1){1,5}|:)|").arg(seg, v4);
        p += QStringLiteral("(?:%1:){1}(?:(:%1){0,4}:%2|(:%1){1,6}|:)|").arg(seg, v4);
        p += QStringLiteral("(?::((?::%1){0,5}:%2|(?::%1){1,7}|:))").arg(seg, v4);
        p += QStringLiteral(")(%[0-9a-zA-Z-.:]{1,})?$");
        return compiled(p);
    }();
    return matches(re, s);
}

bool isIP(const QString &s, int version)
{
    if (version == 4)
        return isIPv4(s);
    if (version == 6)
        return isIPv6(s);
    return isIPv4(s) || isIPv6(s);
}

bool isEmail(const QString &str)
{
    // default_email_options: UTF-8 local part allowed, TLD required, no IP domain, no display name
    if (str.size() > 254)
        return false;
    const int at = str.lastIndexOf(QLatin1Char('@'));
    const QString domain = at < 0 ? str : str.mid(at + 1);
    QString user = at < 0 ? QString() : str.left(at);
    if (user.toUtf8().size() > 64 || domain.toUtf8().size() > 254)
        return false;
    if (!isFQDN(domain))
        return false;
    if (user.startsWith(QLatin1Char('"'))) {
        static const QRegularExpression quoted = compiled(
            QStringLiteral("^([\\s\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\x21\\x23-\\x5b\\x5d-\\x7e"
                           "\\x{00A1}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}]|"
                           "(\\\\[\\x01-\\x09\\x0b\\x0c\\x0d-\\x7f\\x{00A1}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}]))*$"),
            ci);
        return matches(quoted, user.mid(1, user.size() - 2));
    }
    static const QRegularExpression part = compiled(
        QStringLiteral("^[a-z\\d!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~\\x{00A1}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}]+$"), ci);
    for (const QString &p : user.split(QLatin1Char('.')))
        if (!matches(part, p))
            return false;
    return true;
}

bool isUrl(QString url)
{
    // default_url_options: http, https, ftp; TLD and host required; fragments and queries allowed
    static const QRegularExpression bad = compiled(QStringLiteral("[\\s<>]"));
    if (url.isEmpty() || matches(bad, url) || url.startsWith(QLatin1String("mailto:")) || url.size() >= 2083)
        return false;
    url = url.section(QLatin1Char('#'), 0, 0);
    url = url.section(QLatin1Char('?'), 0, 0);
    const int sep = url.indexOf(QLatin1String("://"));
    if (sep >= 0) {
        const QString protocol = url.left(sep).toLower();
        if (protocol != QLatin1String("http") && protocol != QLatin1String("https") && protocol != QLatin1String("ftp"))
            return false;
        url = url.mid(sep + 3);
    } else if (url.startsWith(QLatin1String("//"))) {
        return false; // protocol-relative URLs are not allowed
    }
    if (url.isEmpty())
        return false;
    url = url.section(QLatin1Char('/'), 0, 0);
    QString hostname = url;
    const int atSign = url.indexOf(QLatin1Char('@'));
    if (atSign >= 0) {
        const QString auth = url.left(atSign);
        if (auth.isEmpty())
            return false;
        if (auth.count(QLatin1Char(':')) > 1)
            return false;
        const QString user = auth.section(QLatin1Char(':'), 0, 0);
        const QString password = auth.section(QLatin1Char(':'), 1, 1);
        if (user.isEmpty() && password.isEmpty())
            return false;
        hostname = url.mid(atSign + 1);
    }
    QString host, ipv6, port;
    bool hasPort = false;
    static const QRegularExpression wrappedIpv6 = compiled(QStringLiteral("^\\[([^\\]]+)\\](?::([0-9]+))?$"));
    const QRegularExpressionMatch m = wrappedIpv6.match(hostname);
    if (m.hasMatch()) {
        ipv6 = m.captured(1);
        port = m.captured(2);
        hasPort = m.hasCaptured(2);
    } else {
        const int colon = hostname.indexOf(QLatin1Char(':'));
        host = colon < 0 ? hostname : hostname.left(colon);
        if (colon >= 0) {
            port = hostname.mid(colon + 1);
            hasPort = true;
        }
    }
    if (hasPort && !port.isEmpty()) {
        static const QRegularExpression digits = compiled(QStringLiteral("^[0-9]+$"));
        bool ok = false;
        const qlonglong n = port.toLongLong(&ok);
        if (!matches(digits, port) || !ok || n <= 0 || n > 65535)
            return false;
    }
    return isIP(host, 0) || isFQDN(host) || (!ipv6.isEmpty() && isIPv6(ipv6));
}

bool isCreditCard(const QString &str)
{
    static const QRegularExpression sep = compiled(QStringLiteral("[- ]+"));
    static const QRegularExpression card = compiled(QStringLiteral(
        "^(?:4[0-9]{12}(?:[0-9]{3,6})?|5[1-5][0-9]{14}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|"
        "6(?:011|5[0-9][0-9])[0-9]{12,15}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11}|"
        "6[27][0-9]{14}|^(81[0-9]{14,17}))$"));
    QString sanitized = str;
    sanitized.remove(sep);
    if (!matches(card, sanitized))
        return false;
    // Luhn
    int sum = 0;
    bool dbl = false;
    for (qsizetype i = sanitized.size() - 1; i >= 0; --i) {
        int digit = sanitized.at(i).digitValue();
        if (dbl) {
            digit *= 2;
            sum += digit >= 10 ? digit % 10 + 1 : digit;
        } else {
            sum += digit;
        }
        dbl = !dbl;
    }
    return sum % 10 == 0;
}

// validator.js isLength: a surrogate pair is one character; variation selectors are none.
qsizetype jsLength(const QString &s)
{
    qsizetype n = s.size();
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QChar(0xFE0E) || c == QChar(0xFE0F))
            --n;
        else if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            --n;
    }
    return n;
}

// JavaScript's parseFloat: the longest numeric prefix after leading white space; NaN if none.
double parseFloat(const QString &s)
{
    static const QRegularExpression re = compiled(QStringLiteral(
        "^\\s*([+-]?(?:Infinity|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?))"));
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return std::nan("");
    QString n = m.captured(1);
    if (n.endsWith(QLatin1String("Infinity")))
        return n.startsWith(QLatin1Char('-')) ? -INFINITY : INFINITY;
    return n.toDouble();
}

// Date.parse, for the forms that mean the same in every engine. Without an offset: UTC.
QDateTime parseDate(const QString &text)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return {};
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (d.isValid())
            dt = QDateTime(d, QTime(0, 0));
    }
    if (!dt.isValid())
        dt = QDateTime::fromString(s, Qt::RFC2822Date);
    if (!dt.isValid()) {
        static const char *const formats[] = {
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss.zzz", "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss",
            "yyyy/MM/dd HH:mm", "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm",
            "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy"};
        for (const char *f : formats) {
            dt = QDateTime::fromString(s, QString::fromLatin1(f));
            if (dt.isValid())
                break;
        }
    }
    if (dt.isValid() && dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    return dt;
}

// The value as a point in time: date types directly, anything else through its text.
QDateTime dateOf(const QVariant &v, const QString &text)
{
    switch (v.metaType().id()) {
    case QMetaType::QDateTime: return v.toDateTime();
    case QMetaType::QDate: return QDateTime(v.toDate(), QTime(0, 0), Qt::UTC);
    default: return parseDate(text);
    }
}

// ---- token arguments -------------------------------------------------------------------

struct Arguments
{
    QString name, context, raw;
    bool has = false;

    [[noreturn]] void fail(const QString &what) const
    {
        throw DefinitionError(QStringLiteral("%1: validator %2: %3").arg(context, name, what));
    }
    double number() const
    {
        bool ok = false;
        const double d = raw.trimmed().toDouble(&ok);
        if (!has || !ok || !std::isfinite(d))
            fail(QStringLiteral("'%1' is not a number (write %2=0)").arg(raw, name));
        return d;
    }
    // a,b,c or a JSON array
    QStringList list() const
    {
        if (!has || raw.isEmpty())
            fail(QStringLiteral("needs a list of values (%1=a,b,c)").arg(name));
        if (!raw.startsWith(QLatin1Char('[')))
            return raw.split(QLatin1Char(','));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(raw.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray())
            fail(QStringLiteral("'%1' is not a JSON array of values").arg(raw));
        QStringList out;
        for (const QJsonValue &v : doc.array()) {
            if (v.isArray() || v.isObject() || v.isNull() || v.isUndefined())
                fail(QStringLiteral("'%1': list values are strings or numbers").arg(raw));
            out.append(validatorText(v.toVariant()));
        }
        if (out.isEmpty())
            fail(QStringLiteral("needs a list of values (%1=a,b,c)").arg(name));
        return out;
    }
    QString string() const
    {
        if (!has)
            fail(QStringLiteral("needs an argument (%1=...)").arg(name));
        return raw;
    }
    QRegularExpression regex() const
    {
        if (!has || raw.isEmpty())
            fail(QStringLiteral("needs a regular expression (%1=^[a-z]+$ or %1=/^[a-z]+$/i)").arg(name));
        QString pattern = raw;
        QRegularExpression::PatternOptions options;
        const qsizetype last = raw.lastIndexOf(QLatin1Char('/'));
        if (raw.startsWith(QLatin1Char('/')) && last > 0) {
            pattern = raw.mid(1, last - 1);
            for (const QChar f : raw.mid(last + 1)) {
                if (f == QLatin1Char('i'))
                    options |= QRegularExpression::CaseInsensitiveOption;
                else if (f == QLatin1Char('m'))
                    options |= QRegularExpression::MultilineOption;
                else if (f == QLatin1Char('s'))
                    options |= QRegularExpression::DotMatchesEverythingOption;
                else if (f != QLatin1Char('g') && f != QLatin1Char('u'))
                    fail(QStringLiteral("unknown regular expression flag '%1' in '%2' (flags are i, m, s, g, u)").arg(f).arg(raw));
            }
        }
        QRegularExpression re(pattern, options);
        if (!re.isValid())
            fail(QStringLiteral("'%1' is not a valid regular expression: %2 at offset %3")
                     .arg(pattern, re.errorString())
                     .arg(re.patternErrorOffset()));
        re.optimize();
        return re;
    }
};

QRegularExpression letters(const Arguments &a, bool digits)
{
    struct Locale
    {
        const char *names;
        const char *extra;
    };
    // validator.js's alpha / alphanumeric tables (the locales most asked for).
    static const Locale locales[] = {
        {"en-US en-AU en-GB en-HK en-IN en-NZ en-ZA en-ZM", ""},
        {"de-DE", "ÄÖÜß"},
        {"fr-FR", "ÀÂÆÇÉÈÊËÏÎÔŒÙÛÜŸ"},
        {"es-ES", "ÁÉÍÑÓÚÜ"},
        {"it-IT", "ÀÉÈÌÎÓÒÙ"},
        {"pt-PT pt-BR", "ÃÁÀÂÄÇÉÊËÍÏÕÓÔÖÚÜ"},
        {"nl-NL", "ÁÉËÏÓÖÜÚ"},
        {"sv-SE", "ÅÄÖ"},
        {"ru-RU", nullptr},
    };
    QString locale = a.has && a.raw != QLatin1String("true") ? a.raw : QStringLiteral("en-US");
    for (const Locale &l : locales) {
        if (!QString::fromLatin1(l.names).split(QLatin1Char(' ')).contains(locale))
            continue;
        const QString base = l.extra ? QStringLiteral("A-Z") + QString::fromUtf8(l.extra) : QStringLiteral("А-ЯЁ");
        return compiled(QStringLiteral("^[%1%2]+$").arg(digits ? QStringLiteral("0-9") : QString(), base), ci);
    }
    a.fail(QStringLiteral("unknown locale '%1' (en-US, de-DE, fr-FR, es-ES, it-IT, pt-PT, pt-BR, nl-NL, sv-SE, ru-RU)").arg(locale));
}

const QStringList &names()
{
    static const QStringList n = {
        QStringLiteral("isEmail"), QStringLiteral("isUrl"), QStringLiteral("isIP"), QStringLiteral("isIPv4"),
        QStringLiteral("isIPv6"), QStringLiteral("isAlpha"), QStringLiteral("isAlphanumeric"), QStringLiteral("isNumeric"),
        QStringLiteral("isInt"), QStringLiteral("isFloat"), QStringLiteral("isDecimal"), QStringLiteral("isLowercase"),
        QStringLiteral("isUppercase"), QStringLiteral("isUUID"), QStringLiteral("isDate"), QStringLiteral("isAfter"),
        QStringLiteral("isBefore"), QStringLiteral("isIn"), QStringLiteral("notIn"), QStringLiteral("contains"),
        QStringLiteral("notContains"), QStringLiteral("equals"), QStringLiteral("notEmpty"), QStringLiteral("len"),
        QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("is"), QStringLiteral("not"),
        QStringLiteral("isCreditCard")};
    return n;
}

// A regex test on the text, compiled once for every field that uses the validator.
Test regexTest(const QString &pattern, QRegularExpression::PatternOptions options = {})
{
    const QRegularExpression re = compiled(pattern, options);
    return [re](const QVariant &, const QString &s) { return matches(re, s); };
}

Test build(const Arguments &a)
{
    const QString &n = a.name;
    // Validators without an argument.
    static const QStringList plain = {
        QStringLiteral("isEmail"), QStringLiteral("isUrl"), QStringLiteral("isIPv4"), QStringLiteral("isIPv6"),
        QStringLiteral("isNumeric"), QStringLiteral("isInt"), QStringLiteral("isFloat"), QStringLiteral("isDecimal"),
        QStringLiteral("isLowercase"), QStringLiteral("isUppercase"), QStringLiteral("isDate"), QStringLiteral("isCreditCard"),
        QStringLiteral("notEmpty")};
    if (plain.contains(n) && a.has && a.raw != QLatin1String("true"))
        a.fail(QStringLiteral("takes no argument, not '%1'").arg(a.raw));

    if (n == QLatin1String("isEmail"))
        return [](const QVariant &, const QString &s) { return isEmail(s); };
    if (n == QLatin1String("isUrl"))
        return [](const QVariant &, const QString &s) { return isUrl(s); };
    if (n == QLatin1String("isIPv4"))
        return [](const QVariant &, const QString &s) { return isIPv4(s); };
    if (n == QLatin1String("isIPv6"))
        return [](const QVariant &, const QString &s) { return isIPv6(s); };
    if (n == QLatin1String("isIP")) {
        int version = 0;
        if (a.has && a.raw != QLatin1String("true")) {
            version = a.raw.toInt();
            if (version != 4 && version != 6)
                a.fail(QStringLiteral("the version is 4 or 6, not '%1'").arg(a.raw));
        }
        return [version](const QVariant &, const QString &s) { return isIP(s, version); };
    }
    if (n == QLatin1String("isAlpha") || n == QLatin1String("isAlphanumeric")) {
        const QRegularExpression re = letters(a, n == QLatin1String("isAlphanumeric"));
        return [re](const QVariant &, const QString &s) { return matches(re, s); };
    }
    if (n == QLatin1String("isNumeric"))
        return regexTest(QStringLiteral("^[+-]?([0-9]*[.])?[0-9]+$"));
    if (n == QLatin1String("isInt"))
        return regexTest(QStringLiteral("^[-+]?[0-9]+$"));
    if (n == QLatin1String("isFloat")) {
        const QRegularExpression re = compiled(QStringLiteral("^(?:[-+])?(?:[0-9]+)?(?:\\.[0-9]*)?(?:[eE][\\+\\-]?(?:[0-9]+))?$"));
        return [re](const QVariant &, const QString &s) {
            if (s.isEmpty() || s == QLatin1String(".") || s == QLatin1String(",") || s == QLatin1String("-") || s == QLatin1String("+"))
                return false;
            return matches(re, s);
        };
    }
    if (n == QLatin1String("isDecimal")) { // Sequelize's own
        const QRegularExpression re = compiled(QStringLiteral("^(?:-?(?:[0-9]+))?(?:\\.[0-9]*)?(?:[eE][+-]?(?:[0-9]+))?$"));
        return [re](const QVariant &, const QString &s) { return !s.isEmpty() && matches(re, s); };
    }
    if (n == QLatin1String("isLowercase"))
        return [](const QVariant &, const QString &s) { return s == s.toLower(); };
    if (n == QLatin1String("isUppercase"))
        return [](const QVariant &, const QString &s) { return s == s.toUpper(); };
    if (n == QLatin1String("isUUID")) {
        const QString version = a.has && a.raw != QLatin1String("true") ? a.raw.toLower() : QStringLiteral("all");
        QString pattern;
        if (version == QLatin1String("all"))
            pattern = QStringLiteral("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$");
        else if (version == QLatin1String("1") || version == QLatin1String("2") || version == QLatin1String("3"))
            pattern = QStringLiteral("^[0-9A-F]{8}-[0-9A-F]{4}-%1[0-9A-F]{3}-[0-9A-F]{4}-[0-9A-F]{12}$").arg(version);
        else if (version == QLatin1String("4") || version == QLatin1String("5"))
            pattern = QStringLiteral("^[0-9A-F]{8}-[0-9A-F]{4}-%1[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$").arg(version);
        else
            a.fail(QStringLiteral("the version is 1 to 5 or all, not '%1'").arg(a.raw));
        return regexTest(pattern, ci);
    }
    if (n == QLatin1String("isDate"))
        return [](const QVariant &v, const QString &s) { return dateOf(v, s).isValid(); };
    if (n == QLatin1String("isAfter") || n == QLatin1String("isBefore")) {
        const bool after = n == QLatin1String("isAfter");
        std::optional<QDateTime> bound;
        if (a.has && a.raw != QLatin1String("true")) {
            bound = parseDate(a.raw);
            if (!bound->isValid())
                a.fail(QStringLiteral("'%1' is not a date (write it as ISO 8601: 2020-01-31)").arg(a.raw));
        }
        return [after, bound](const QVariant &v, const QString &s) {
            const QDateTime d = dateOf(v, s);
            const QDateTime b = bound ? *bound : QDateTime::currentDateTimeUtc();
            return d.isValid() && (after ? d > b : d < b);
        };
    }
    if (n == QLatin1String("isIn") || n == QLatin1String("notIn")) {
        const QStringList values = a.list();
        const bool in = n == QLatin1String("isIn");
        return [values, in](const QVariant &, const QString &s) { return values.contains(s) == in; };
    }
    if (n == QLatin1String("contains") || n == QLatin1String("notContains")) {
        const QString elem = a.string();
        const bool has = n == QLatin1String("contains");
        return [elem, has](const QVariant &, const QString &s) { return (!elem.isEmpty() && s.contains(elem)) == has; };
    }
    if (n == QLatin1String("equals")) {
        const QString other = a.string();
        return [other](const QVariant &, const QString &s) { return s == other; };
    }
    if (n == QLatin1String("notEmpty"))
        return [](const QVariant &, const QString &s) {
            for (const QChar c : s)
                if (!c.isSpace())
                    return true;
            return false;
        };
    if (n == QLatin1String("len")) {
        const QStringList parts = a.list();
        if (parts.size() > 2)
            a.fail(QStringLiteral("takes a minimum and a maximum (len=3,20), not '%1'").arg(a.raw));
        auto bound = [&](const QString &p) {
            bool ok = false;
            const int v = p.trimmed().toInt(&ok);
            if (!ok || v < 0)
                a.fail(QStringLiteral("'%1' is not a length (len=3,20)").arg(p));
            return v;
        };
        const int lo = bound(parts.at(0));
        const int hi = parts.size() > 1 ? bound(parts.at(1)) : -1;
        if (hi >= 0 && hi < lo)
            a.fail(QStringLiteral("the maximum %1 is below the minimum %2").arg(hi).arg(lo));
        return [lo, hi](const QVariant &, const QString &s) {
            const qsizetype l = jsLength(s);
            return l >= lo && (hi < 0 || l <= hi);
        };
    }
    if (n == QLatin1String("min") || n == QLatin1String("max")) {
        const double bound = a.number();
        const bool isMin = n == QLatin1String("min");
        return [bound, isMin](const QVariant &, const QString &s) {
            const double v = parseFloat(s);
            return std::isnan(v) || (isMin ? v >= bound : v <= bound);
        };
    }
    if (n == QLatin1String("is") || n == QLatin1String("not")) {
        const QRegularExpression re = a.regex();
        const bool is = n == QLatin1String("is");
        return [re, is](const QVariant &, const QString &s) { return matches(re, s) == is; };
    }
    if (n == QLatin1String("isCreditCard"))
        return [](const QVariant &, const QString &s) { return isCreditCard(s); };
    a.fail(QStringLiteral("unknown validator; the built-in ones are %1").arg(names().join(QStringLiteral(", "))));
}

[[noreturn]] void jsonFail(const QString &context, const QString &name, const QString &what)
{
    throw DefinitionError(QStringLiteral("%1: validator %2: %3").arg(context, name, what));
}

} // namespace

} // namespace orm::detail

QStringList orm::builtinValidatorNames()
{
    return detail::names();
}

namespace orm::detail {

bool isBuiltinValidator(const QString &name)
{
    return names().contains(name);
}

QString translateValidation(const QString &text)
{
    return QCoreApplication::translate("orm::Validation", text.toUtf8().constData());
}

QString validatorText(const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::QString: return v.toString();
    case QMetaType::QByteArray: return QString::fromUtf8(v.toByteArray());
    case QMetaType::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return QStringLiteral("NaN");
        if (std::isinf(d))
            return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QMetaType::QDate: return v.toDate().toString(Qt::ISODate);
    case QMetaType::QTime: return v.toTime().toString(Qt::ISODateWithMs);
    case QMetaType::QDateTime: return v.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QUuid: return v.toUuid().toString(QUuid::WithoutBraces);
    case QMetaType::QJsonObject: return QString::fromUtf8(QJsonDocument(v.toJsonObject()).toJson(QJsonDocument::Compact));
    case QMetaType::QJsonArray: return QString::fromUtf8(QJsonDocument(v.toJsonArray()).toJson(QJsonDocument::Compact));
    case QMetaType::QJsonValue: {
        const QJsonValue j = v.toJsonValue();
        return j.isString() ? j.toString() : validatorText(j.toVariant());
    }
    default: return v.toString();
    }
}

std::optional<CompiledValidator> compileValidator(const QString &token, const QString &context)
{
    Arguments a;
    a.context = context.isEmpty() ? QStringLiteral("validator") : context;
    const qsizetype eq = token.indexOf(QLatin1Char('='));
    a.name = eq < 0 ? token : token.left(eq);
    a.has = eq >= 0;
    a.raw = a.has ? token.mid(eq + 1) : QString();
    if (!isBuiltinValidator(a.name))
        throw DefinitionError(QStringLiteral("%1: unknown validator '%2'; the built-in ones are %3")
                                  .arg(a.context, a.name, names().join(QStringLiteral(", "))));
    // "notEmpty=false" turns a flag off; equals=false still compares with "false".
    static const QStringList flags = {
        QStringLiteral("isEmail"), QStringLiteral("isUrl"), QStringLiteral("isIP"), QStringLiteral("isIPv4"),
        QStringLiteral("isIPv6"), QStringLiteral("isAlpha"), QStringLiteral("isAlphanumeric"), QStringLiteral("isNumeric"),
        QStringLiteral("isInt"), QStringLiteral("isFloat"), QStringLiteral("isDecimal"), QStringLiteral("isLowercase"),
        QStringLiteral("isUppercase"), QStringLiteral("isUUID"), QStringLiteral("isDate"), QStringLiteral("isAfter"),
        QStringLiteral("isBefore"), QStringLiteral("notEmpty"), QStringLiteral("isCreditCard")};
    if (a.has && a.raw == QLatin1String("false") && flags.contains(a.name))
        return std::nullopt;
    CompiledValidator v;
    v.name = a.name;
    v.token = token;
    v.test = build(a);
    return v;
}

void compileValidators(ModelMeta &m)
{
    for (FieldMeta &f : m.fields) {
        f.compiledValidators.reset();
        if (f.validators.isEmpty())
            continue;
        const QString context = m.name + QLatin1Char('.') + f.name;
        auto compiledField = std::make_shared<FieldValidators>();
        QList<std::pair<QString, QString>> messages;
        for (const QString &token : f.validators) {
            if (token.startsWith(QLatin1String("msg:"))) {
                const qsizetype eq = token.indexOf(QLatin1Char('='));
                const QString name = token.mid(4, eq < 0 ? -1 : eq - 4);
                if (eq < 0 || name.isEmpty())
                    throw DefinitionError(QStringLiteral("%1: '%2' needs a validator and a message: msg:isEmail='...'")
                                              .arg(context, token));
                messages.append({name, token.mid(eq + 1)});
                continue;
            }
            std::optional<CompiledValidator> v = compileValidator(token, context);
            if (!v)
                continue;
            // A validator declared twice: the later one counts (as a key of Sequelize's validate).
            compiledField->builtins.removeIf([&](const CompiledValidator &c) { return c.name == v->name; });
            compiledField->builtins.append(std::move(*v));
        }
        for (const auto &[name, text] : messages) {
            if (name == QLatin1String("notNull")) {
                compiledField->notNullMessage = text;
                continue;
            }
            bool found = false;
            for (CompiledValidator &c : compiledField->builtins) {
                if (c.name == name) {
                    c.message = text;
                    found = true;
                }
            }
            if (!found)
                throw DefinitionError(QStringLiteral("%1: msg:%2 is a message for a validator the field does not declare "
                                                     "(custom validators added in code give their own message)")
                                          .arg(context, name));
        }
        f.compiledValidators = std::move(compiledField);
    }
    if (!m.customValidators)
        m.customValidators = std::make_shared<ModelValidators>();
}

QStringList validatorTokensFromJson(const QJsonValue &validate, const QString &context)
{
    if (!validate.isObject())
        throw DefinitionError(QStringLiteral("%1: \"validate\" is an object: {\"isEmail\": true, \"len\": [3, 20]}").arg(context));
    auto fail = [&](const QString &name, const QString &what) { jsonFail(context, name, what); };
    auto scalar = [&](const QString &name, const QJsonValue &v) {
        if (!v.isString() && !v.isDouble())
            fail(name, QStringLiteral("the arguments are strings or numbers"));
        return v.isString() ? v.toString() : validatorText(v.toVariant());
    };
    QStringList tokens;
    const QJsonObject o = validate.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString name = it.key();
        QJsonValue args = it.value();
        if (name == QLatin1String("notNull")) { // only its message: allowNull=false is the check
            if (args.isObject() && args.toObject().value(QStringLiteral("msg")).isString())
                tokens.append(QStringLiteral("msg:notNull=") + args.toObject().value(QStringLiteral("msg")).toString());
            else if (!args.isBool())
                fail(name, QStringLiteral("takes {\"msg\": \"...\"}; the check itself is allowNull: false"));
            continue;
        }
        if (!isBuiltinValidator(name))
            throw DefinitionError(QStringLiteral("%1: unknown validator '%2'; the built-in ones are %3")
                                      .arg(context, name, names().join(QStringLiteral(", "))));
        QString message;
        if (args.isObject()) { // {"args": ..., "msg": "..."}
            const QJsonObject spec = args.toObject();
            for (auto k = spec.begin(); k != spec.end(); ++k)
                if (k.key() != QLatin1String("args") && k.key() != QLatin1String("msg"))
                    fail(name, QStringLiteral("unknown key '%1'; the keys are args and msg").arg(k.key()));
            if (spec.contains(QStringLiteral("msg"))) {
                if (!spec.value(QStringLiteral("msg")).isString())
                    fail(name, QStringLiteral("msg is a string"));
                message = spec.value(QStringLiteral("msg")).toString();
            }
            args = spec.contains(QStringLiteral("args")) ? spec.value(QStringLiteral("args")) : QJsonValue(true);
        }
        QString token;
        const bool isRegex = name == QLatin1String("is") || name == QLatin1String("not");
        const bool isList = name == QLatin1String("isIn") || name == QLatin1String("notIn");
        if (args.isBool()) {
            if (!args.toBool())
                continue;
            token = name;
        } else if (args.isArray()) {
            QJsonArray array = args.toArray();
            if (isList && array.size() == 1 && array.at(0).isArray()) // Sequelize's [['a', 'b']]
                array = array.at(0).toArray();
            if (isList) {
                QJsonArray values;
                for (const QJsonValue &v : array)
                    values.append(scalar(name, v));
                token = name + QLatin1Char('=') + QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact));
            } else if (isRegex) {
                if (array.isEmpty() || array.size() > 2)
                    fail(name, QStringLiteral("takes [\"pattern\"] or [\"pattern\", \"flags\"]"));
                token = name + QStringLiteral("=/") + scalar(name, array.at(0)) + QLatin1Char('/')
                        + (array.size() > 1 ? scalar(name, array.at(1)) : QString());
            } else if (name == QLatin1String("len")) {
                QStringList parts;
                for (const QJsonValue &v : array)
                    parts.append(scalar(name, v));
                token = name + QLatin1Char('=') + parts.join(QLatin1Char(','));
            } else {
                if (array.size() != 1)
                    fail(name, QStringLiteral("takes one argument"));
                token = name + QLatin1Char('=') + scalar(name, array.at(0));
            }
        } else if (isRegex) {
            token = name + QStringLiteral("=/") + scalar(name, args) + QLatin1Char('/'); // the whole string is the pattern
        } else if (isList) {
            token = name + QLatin1Char('=') + QString::fromUtf8(QJsonDocument(QJsonArray{scalar(name, args)}).toJson(QJsonDocument::Compact));
        } else {
            token = name + QLatin1Char('=') + scalar(name, args);
        }
        tokens.append(token);
        if (!message.isNull())
            tokens.append(QStringLiteral("msg:") + name + QLatin1Char('=') + message);
    }
    return tokens;
}

std::shared_ptr<const ModelValidators::Snapshot> ModelValidators::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

void ModelValidators::addField(FieldCustom custom)
{
    QMutexLocker lock(&m_mutex);
    auto next = std::make_shared<Snapshot>(*m_snapshot);
    bool replaced = false;
    for (FieldCustom &c : next->fields) {
        if (c.field == custom.field && c.name == custom.name) {
            c = custom;
            replaced = true;
        }
    }
    if (!replaced)
        next->fields.append(std::move(custom));
    m_snapshot = std::move(next);
}

void ModelValidators::addModel(ModelCustom custom)
{
    QMutexLocker lock(&m_mutex);
    auto next = std::make_shared<Snapshot>(*m_snapshot);
    bool replaced = false;
    for (ModelCustom &c : next->model) {
        if (c.name == custom.name) {
            c = custom;
            replaced = true;
        }
    }
    if (!replaced)
        next->model.append(std::move(custom));
    m_snapshot = std::move(next);
}

} // namespace orm::detail
