// Port of the pluralization rules of the `inflection` npm package v1.13.4 (the version
// Sequelize v6 depends on), so that table and association names match Sequelize's.
//
// How the package works, and so how this works:
//  * a word whose lower-cased form is in the uncountable list is returned as is;
//  * otherwise the rules are tried in order and the FIRST one whose pattern matches
//    decides: a rule without a replacement means "already in the wanted form, keep it";
//    a rule with one replaces the match ($1, $2 are its groups; a group that did not take
//    part in the match gives ""). All matching is case-insensitive and on the whole
//    string, so a CamelCase name is inflected by its suffix.
//
// Package behaviour kept deliberately (it is what Sequelize produces), e.g.:
//  * literal replacements are lower case: "Goose" -> "geese", "Foot" -> "feet";
//  * the anchored rules and the uncountable list see the whole name: "Man" -> "Men" but
//    "Chairman" -> "Chairmans", "Information" stays but "UserInformation" ->
//    "UserInformations";
//  * "fish" and "moose" are not uncountable in 1.13 ("Fishes", "Mooses"), "Octopus" ->
//    "Octopuses", "Hero" -> "Heros" (only buffalo/tomato/potato take -oes);
//  * singularize("Analyses") gives "AnalyAsis" (the package's "$1$2sis" replacement),
//    singularize("Shoes") gives "Sho" (its "(o)es$" rule comes before "(shoe)s$").
// The one liberty taken: an empty word stays empty (the package would return "s").
#include "meta/Inflector.h"

#include <QRegularExpression>
#include <QSet>
#include <vector>

namespace orm::detail::Inflector {

namespace {

using namespace Qt::StringLiterals;

struct Rule
{
    const QRegularExpression *pattern;
    const char *replacement; // nullptr: the word already has the wanted form
};

// The package shares each pattern between the two directions: what one direction turns
// into, the other recognises as "already done". Patterns end with \z, not $, because a
// JavaScript '$' (no m flag) matches only at the very end, while PCRE's also matches
// before a final newline.
struct Tables
{
    // Plural shapes.
    const QRegularExpression men{R"(^(m|wom)en\z)", opts};
    const QRegularExpression people{R"((pe)ople\z)", opts};
    const QRegularExpression children{R"((child)ren\z)", opts};
    const QRegularExpression tia{R"(([ti])a\z)", opts};
    const QRegularExpression analyses{
        R"(((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses\z)", opts};
    const QRegularExpression databases{R"((database)s\z)", opts};
    const QRegularExpression drives{R"((drive)s\z)", opts};
    const QRegularExpression hives{R"((hi|ti)ves\z)", opts};
    const QRegularExpression curves{R"((curve)s\z)", opts};
    const QRegularExpression lrves{R"(([lr])ves\z)", opts};
    const QRegularExpression aves{R"(([a])ves\z)", opts};
    const QRegularExpression foves{R"(([^fo])ves\z)", opts};
    const QRegularExpression movies{R"((m)ovies\z)", opts};
    const QRegularExpression consonantIes{R"(([^aeiouy]|qu)ies\z)", opts};
    const QRegularExpression series{R"((s)eries\z)", opts};
    const QRegularExpression xes{R"((x|ch|ss|sh)es\z)", opts};
    const QRegularExpression mice{R"(([m|l])ice\z)", opts}; // sic: '|' inside the class
    const QRegularExpression buses{R"((bus)es\z)", opts};
    const QRegularExpression oes{R"((o)es\z)", opts};
    const QRegularExpression shoes{R"((shoe)s\z)", opts};
    const QRegularExpression crises{R"((cris|ax|test)es\z)", opts};
    const QRegularExpression octopuses{R"((octop|vir)uses\z)", opts};
    const QRegularExpression aliases{R"((alias|canvas|status|campus)es\z)", opts};
    const QRegularExpression summonses{R"(^(summons|bonus)es\z)", opts};
    const QRegularExpression oxen{R"(^(ox)en)", opts}; // sic: not anchored at the end
    const QRegularExpression matrices{R"((matr)ices\z)", opts};
    const QRegularExpression vertices{R"((vert|ind)ices\z)", opts};
    const QRegularExpression feet{R"(^feet\z)", opts};
    const QRegularExpression teeth{R"(^teeth\z)", opts};
    const QRegularExpression geese{R"(^geese\z)", opts};
    const QRegularExpression quizzes{R"((quiz)zes\z)", opts};
    const QRegularExpression whereases{R"(^(whereas)es\z)", opts};
    const QRegularExpression criteria{R"(^(criteri)a\z)", opts};
    const QRegularExpression genera{R"(^genera\z)", opts};
    const QRegularExpression endsSs{R"(ss\z)", opts};
    const QRegularExpression endsS{R"(s\z)", opts};

    // Singular shapes.
    const QRegularExpression man{R"(^(m|wom)an\z)", opts};
    const QRegularExpression person{R"((pe)rson\z)", opts};
    const QRegularExpression child{R"((child)\z)", opts};
    const QRegularExpression drive{R"((drive)\z)", opts};
    const QRegularExpression ox{R"(^(ox)\z)", opts};
    const QRegularExpression axis{R"((ax|test)is\z)", opts};
    const QRegularExpression octopus{R"((octop|vir)us\z)", opts};
    const QRegularExpression alias{R"((alias|status|canvas|campus)\z)", opts};
    const QRegularExpression summons{R"(^(summons|bonus)\z)", opts};
    const QRegularExpression bus{R"((bu)s\z)", opts};
    const QRegularExpression buffalo{R"((buffal|tomat|potat)o\z)", opts};
    const QRegularExpression tium{R"(([ti])um\z)", opts};
    const QRegularExpression sis{R"(sis\z)", opts};
    const QRegularExpression fOrFe{R"((?:([^f])fe|([lr])f)\z)", opts};
    const QRegularExpression hive{R"((hi|ti)ve\z)", opts};
    const QRegularExpression consonantY{R"(([^aeiouy]|qu)y\z)", opts};
    const QRegularExpression x{R"((x|ch|ss|sh)\z)", opts};
    const QRegularExpression matrix{R"((matr)ix\z)", opts};
    const QRegularExpression vertex{R"((vert|ind)ex\z)", opts};
    const QRegularExpression mouse{R"(([m|l])ouse\z)", opts};
    const QRegularExpression foot{R"(^foot\z)", opts};
    const QRegularExpression tooth{R"(^tooth\z)", opts};
    const QRegularExpression goose{R"(^goose\z)", opts};
    const QRegularExpression quiz{R"((quiz)\z)", opts};
    const QRegularExpression whereas{R"(^(whereas)\z)", opts};
    const QRegularExpression criterion{R"(^(criteri)on\z)", opts};
    const QRegularExpression genus{R"(^genus\z)", opts};
    const QRegularExpression endAny{R"(\z)", opts};

    // Order matters: the first matching rule wins.
    const std::vector<Rule> toPlural{
        // Already plural: keep.
        {&men, nullptr}, {&people, nullptr}, {&children, nullptr}, {&tia, nullptr},
        {&analyses, nullptr}, {&databases, nullptr}, {&drives, nullptr},
        {&hives, nullptr}, {&curves, nullptr}, {&lrves, nullptr}, {&foves, nullptr},
        {&consonantIes, nullptr}, {&series, nullptr}, {&movies, nullptr},
        {&xes, nullptr}, {&mice, nullptr}, {&buses, nullptr}, {&oes, nullptr},
        {&shoes, nullptr}, {&crises, nullptr}, {&octopuses, nullptr},
        {&aliases, nullptr}, {&summonses, nullptr}, {&oxen, nullptr},
        {&matrices, nullptr}, {&feet, nullptr}, {&teeth, nullptr}, {&geese, nullptr},
        {&quizzes, nullptr}, {&whereases, nullptr}, {&criteria, nullptr},
        {&genera, nullptr},
        // Singular: inflect.
        {&man, "$1en"}, {&person, "$1ople"}, {&child, "$1ren"}, {&drive, "$1s"},
        {&ox, "$1en"}, {&axis, "$1es"}, {&octopus, "$1uses"}, {&alias, "$1es"},
        {&summons, "$1es"}, {&bus, "$1ses"}, {&buffalo, "$1oes"}, {&tium, "$1a"},
        {&sis, "ses"}, {&fOrFe, "$1$2ves"}, {&hive, "$1ves"}, {&consonantY, "$1ies"},
        {&matrix, "$1ices"}, {&vertex, "$1ices"}, {&x, "$1es"}, {&mouse, "$1ice"},
        {&foot, "feet"}, {&tooth, "teeth"}, {&goose, "geese"}, {&quiz, "$1zes"},
        {&whereas, "$1es"}, {&criterion, "$1a"}, {&genus, "genera"},
        {&endsS, "s"}, {&endAny, "s"},
    };

    const std::vector<Rule> toSingular{
        // Already singular: keep.
        {&man, nullptr}, {&person, nullptr}, {&child, nullptr}, {&drive, nullptr},
        {&ox, nullptr}, {&axis, nullptr}, {&octopus, nullptr}, {&alias, nullptr},
        {&summons, nullptr}, {&bus, nullptr}, {&buffalo, nullptr}, {&tium, nullptr},
        {&sis, nullptr}, {&fOrFe, nullptr}, {&hive, nullptr}, {&consonantY, nullptr},
        {&x, nullptr}, {&matrix, nullptr}, {&mouse, nullptr}, {&foot, nullptr},
        {&tooth, nullptr}, {&goose, nullptr}, {&quiz, nullptr}, {&whereas, nullptr},
        {&criterion, nullptr}, {&genus, nullptr},
        // Plural: inflect.
        {&men, "$1an"}, {&people, "$1rson"}, {&children, "$1"}, {&databases, "$1"},
        {&drives, "$1"}, {&genera, "genus"}, {&criteria, "$1on"}, {&tia, "$1um"},
        {&analyses, "$1$2sis"}, {&hives, "$1ve"}, {&curves, "$1"}, {&lrves, "$1f"},
        {&aves, "$1ve"}, {&foves, "$1fe"}, {&movies, "$1ovie"},
        {&consonantIes, "$1y"}, {&series, "$1eries"}, {&xes, "$1"},
        {&mice, "$1ouse"}, {&buses, "$1"}, {&oes, "$1"}, {&shoes, "$1"},
        {&crises, "$1is"}, {&octopuses, "$1us"}, {&aliases, "$1"},
        {&summonses, "$1"}, {&oxen, "$1"}, {&matrices, "$1ix"}, {&vertices, "$1ex"},
        {&feet, "foot"}, {&teeth, "tooth"}, {&geese, "goose"}, {&quizzes, "$1"},
        {&whereases, "$1"},
        {&endsSs, "ss"}, {&endsS, ""},
    };

    // Same form in both numbers; compared with the lower-cased whole word.
    const QSet<QString> uncountable{
        u"accommodation"_s, u"adulthood"_s, u"advertising"_s, u"advice"_s,
        u"aggression"_s, u"aid"_s, u"air"_s, u"aircraft"_s, u"alcohol"_s,
        u"anger"_s, u"applause"_s, u"arithmetic"_s, u"assistance"_s,
        u"athletics"_s, u"bacon"_s, u"baggage"_s, u"beef"_s, u"biology"_s,
        u"blood"_s, u"botany"_s, u"bread"_s, u"butter"_s, u"carbon"_s,
        u"cardboard"_s, u"cash"_s, u"chalk"_s, u"chaos"_s, u"chess"_s,
        u"crossroads"_s, u"countryside"_s, u"dancing"_s, u"deer"_s, u"dignity"_s,
        u"dirt"_s, u"dust"_s, u"economics"_s, u"education"_s, u"electricity"_s,
        u"engineering"_s, u"enjoyment"_s, u"envy"_s, u"equipment"_s, u"ethics"_s,
        u"evidence"_s, u"evolution"_s, u"fame"_s, u"fiction"_s, u"flour"_s,
        u"flu"_s, u"food"_s, u"fuel"_s, u"fun"_s, u"furniture"_s, u"gallows"_s,
        u"garbage"_s, u"garlic"_s, u"genetics"_s, u"gold"_s, u"golf"_s,
        u"gossip"_s, u"gratitude"_s, u"grief"_s, u"guilt"_s, u"gymnastics"_s,
        u"happiness"_s, u"hardware"_s, u"harm"_s, u"hate"_s, u"hatred"_s,
        u"health"_s, u"heat"_s, u"help"_s, u"homework"_s, u"honesty"_s,
        u"honey"_s, u"hospitality"_s, u"housework"_s, u"humour"_s, u"hunger"_s,
        u"hydrogen"_s, u"ice"_s, u"importance"_s, u"inflation"_s,
        u"information"_s, u"innocence"_s, u"iron"_s, u"irony"_s, u"jam"_s,
        u"jewelry"_s, u"judo"_s, u"karate"_s, u"knowledge"_s, u"lack"_s,
        u"laughter"_s, u"lava"_s, u"leather"_s, u"leisure"_s, u"lightning"_s,
        u"linguine"_s, u"linguini"_s, u"linguistics"_s, u"literature"_s,
        u"litter"_s, u"livestock"_s, u"logic"_s, u"loneliness"_s, u"luck"_s,
        u"luggage"_s, u"macaroni"_s, u"machinery"_s, u"magic"_s,
        u"management"_s, u"mankind"_s, u"marble"_s, u"mathematics"_s,
        u"mayonnaise"_s, u"measles"_s, u"methane"_s, u"milk"_s, u"minus"_s,
        u"money"_s, u"mud"_s, u"music"_s, u"mumps"_s, u"nature"_s, u"news"_s,
        u"nitrogen"_s, u"nonsense"_s, u"nurture"_s, u"nutrition"_s,
        u"obedience"_s, u"obesity"_s, u"oxygen"_s, u"pasta"_s, u"patience"_s,
        u"physics"_s, u"poetry"_s, u"pollution"_s, u"poverty"_s, u"pride"_s,
        u"psychology"_s, u"publicity"_s, u"punctuation"_s, u"quartz"_s,
        u"racism"_s, u"relaxation"_s, u"reliability"_s, u"research"_s,
        u"respect"_s, u"revenge"_s, u"rice"_s, u"rubbish"_s, u"rum"_s,
        u"safety"_s, u"scenery"_s, u"seafood"_s, u"seaside"_s, u"series"_s,
        u"shame"_s, u"sheep"_s, u"shopping"_s, u"sleep"_s, u"smoke"_s,
        u"smoking"_s, u"snow"_s, u"soap"_s, u"software"_s, u"soil"_s,
        u"spaghetti"_s, u"species"_s, u"steam"_s, u"stuff"_s, u"stupidity"_s,
        u"sunshine"_s, u"symmetry"_s, u"tennis"_s, u"thirst"_s, u"thunder"_s,
        u"timber"_s, u"traffic"_s, u"transportation"_s, u"trust"_s,
        u"underwear"_s, u"unemployment"_s, u"unity"_s, u"validity"_s, u"veal"_s,
        u"vegetation"_s, u"vegetarianism"_s, u"vengeance"_s, u"violence"_s,
        u"vitality"_s, u"warmth"_s, u"wealth"_s, u"weather"_s, u"welfare"_s,
        u"wheat"_s, u"wildlife"_s, u"wisdom"_s, u"yoga"_s, u"zinc"_s,
        u"zoology"_s,
    };

private:
    static constexpr QRegularExpression::PatternOptions opts =
        QRegularExpression::CaseInsensitiveOption;
};

const Tables &tables()
{
    static const Tables t; // built once, thread-safe
    return t;
}

// Expands a JavaScript-style replacement: $1..$9 stand for the groups of the match.
QString expand(const char *replacement, const QRegularExpressionMatch &match)
{
    QString out;
    for (const char *p = replacement; *p; ++p) {
        if (p[0] == '$' && p[1] >= '1' && p[1] <= '9') {
            out += match.captured(p[1] - '0');
            ++p;
        } else {
            out += QLatin1Char(*p);
        }
    }
    return out;
}

QString applyRules(const QString &word, const std::vector<Rule> &rules)
{
    if (word.isEmpty() || tables().uncountable.contains(word.toLower()))
        return word;

    for (const Rule &rule : rules) {
        const QRegularExpressionMatch match = rule.pattern->match(word);
        if (!match.hasMatch())
            continue;
        if (!rule.replacement)
            return word;
        // Every pattern is anchored, so it matches at most once: one replacement is the
        // same as the package's global one.
        return word.left(match.capturedStart()) + expand(rule.replacement, match)
            + word.mid(match.capturedEnd());
    }
    return word; // not reached: the last plural rule matches anything
}

bool isSeparator(QChar c)
{
    return c == u'_' || c == u'-' || c.isSpace();
}

} // namespace

QString pluralize(const QString &word)
{
    return applyRules(word, tables().toPlural);
}

QString singularize(const QString &word)
{
    return applyRules(word, tables().toSingular);
}

QString underscore(const QString &camel)
{
    const qsizetype n = camel.size();
    QString out;
    out.reserve(n + n / 2);
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = camel.at(i);
        if (!c.isUpper()) {
            out += c;
            continue;
        }
        if (i > 0) {
            const QChar prev = camel.at(i - 1);
            // A word starts at an upper-case letter after a lower-case letter or digit
            // ("firstName", "address2Line"), and at the last capital of an acronym
            // followed by lower case ("HTMLParser" -> "html_parser").
            const bool startsWord = prev.isLower() || prev.isDigit()
                || (prev.isUpper() && i + 1 < n && camel.at(i + 1).isLower());
            if (startsWord)
                out += u'_';
        }
        out += c.toLower();
    }
    return out;
}

QString camelize(const QString &snake, bool upperFirst)
{
    const QString s = snake.trimmed();
    QString out;
    out.reserve(s.size());
    bool raiseNext = false;
    for (const QChar c : s) {
        if (isSeparator(c)) {
            raiseNext = true;
            continue;
        }
        out += raiseNext ? c.toUpper() : c;
        raiseNext = false;
    }
    if (upperFirst && !out.isEmpty())
        out[0] = out.at(0).toUpper();
    return out;
}

QString lowerFirst(const QString &s)
{
    if (s.isEmpty())
        return s;
    QString out = s;
    out[0] = out.at(0).toLower();
    return out;
}

QString upperFirst(const QString &s)
{
    if (s.isEmpty())
        return s;
    QString out = s;
    out[0] = out.at(0).toUpper();
    return out;
}

} // namespace orm::detail::Inflector
