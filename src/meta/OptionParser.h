// Tokenizes a Q_CLASSINFO option string: "allowNull=false unique len=3,20 comment='a b'".
#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace orm::detail {

struct Option
{
    QString key;
    QString value; // empty for a bare flag
    bool hasValue = false;
};

// Throws DefinitionError (naming context) on an unterminated quote or an empty key.
QList<Option> parseOptions(const QString &text, const QString &context);

} // namespace orm::detail
