// Naming inflector: the word forms the ORM derives from model and attribute names
// (table names, singular/plural association names, underscored columns).
//
// pluralize() and singularize() port the rule tables of the `inflection` npm package
// (v1.13.4), which Sequelize v6 calls through Utils.pluralize/Utils.singularize, so that
// a model gets exactly the table name Sequelize would give it. Like the package they
// work on the whole string: the rules are suffix patterns, so "UserGroup" -> "UserGroups"
// and "BlogPerson" -> "BlogPeople"; the uncountable list and the few rules anchored at
// both ends ("^(m|wom)an$", "^goose$", ...) match a whole name only. The package's quirks
// are kept on purpose (see Inflector.cpp).
//
// camelize() follows Sequelize's own Utils.camelize (used for default foreign keys:
// "User_id" -> "UserId"); underscore() splits acronyms like Rails does
// ("userID" -> "user_id", "HTMLParser" -> "html_parser").
//
// Pure functions, no state besides regular expressions compiled once.
#pragma once

#include <orm/Global.h>
#include <QString>

namespace orm::detail::Inflector {

// "User" -> "Users", "Person" -> "People", "Category" -> "Categories".
// Already-plural and uncountable words are returned unchanged.
QUARRY_EXPORT QString pluralize(const QString &word);

// "Users" -> "User", "People" -> "Person", "Following" -> "Following".
QUARRY_EXPORT QString singularize(const QString &word);

// "firstName" -> "first_name", "UserGroups" -> "user_groups", "userID" -> "user_id",
// "HTMLParser" -> "html_parser". Existing underscores are kept.
QUARRY_EXPORT QString underscore(const QString &camel);

// "first_name" -> "firstName". Every run of '_', '-' or white space is dropped and the
// character after it upper-cased; the rest is left as is. The first character is
// upper-cased when upperFirst is true and otherwise left untouched ("User_id" -> "UserId",
// as Sequelize names a default foreign key).
QUARRY_EXPORT QString camelize(const QString &snake, bool upperFirst = false);

// First character lower-/upper-cased, the rest untouched: "UserGroup" -> "userGroup".
QUARRY_EXPORT QString lowerFirst(const QString &s);
QUARRY_EXPORT QString upperFirst(const QString &s);

} // namespace orm::detail::Inflector
