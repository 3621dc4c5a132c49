#include "meta/OptionParser.h"

#include <orm/Errors.h>

namespace orm::detail {

QList<Option> parseOptions(const QString &text, const QString &context)
{
    QList<Option> out;
    int i = 0;
    const int n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        Option opt;
        // A key runs to '=' or whitespace; parentheses keep "DECIMAL(10, 2)" in one token.
        int depth = 0;
        while (i < n && (depth > 0 || (!text.at(i).isSpace() && text.at(i) != QLatin1Char('=')))) {
            if (text.at(i) == QLatin1Char('('))
                ++depth;
            else if (text.at(i) == QLatin1Char(')'))
                --depth;
            opt.key += text.at(i++);
        }
        if (opt.key.isEmpty())
            throw DefinitionError(QStringLiteral("%1: option without a name in \"%2\"").arg(context, text));
        if (i < n && text.at(i) == QLatin1Char('=')) {
            ++i;
            opt.hasValue = true;
            if (i < n && (text.at(i) == QLatin1Char('\'') || text.at(i) == QLatin1Char('"'))) {
                const QChar quote = text.at(i++);
                bool closed = false;
                while (i < n) {
                    if (text.at(i) == QLatin1Char('\\') && i + 1 < n) {
                        opt.value += text.at(i + 1);
                        i += 2;
                        continue;
                    }
                    if (text.at(i) == quote) {
                        closed = true;
                        ++i;
                        break;
                    }
                    opt.value += text.at(i++);
                }
                if (!closed)
                    throw DefinitionError(QStringLiteral("%1: unterminated quote in option '%2' of \"%3\"")
                                              .arg(context, opt.key, text));
            } else {
                depth = 0;
                while (i < n && (depth > 0 || !text.at(i).isSpace())) {
                    if (text.at(i) == QLatin1Char('('))
                        ++depth;
                    else if (text.at(i) == QLatin1Char(')'))
                        --depth;
                    opt.value += text.at(i++);
                }
            }
        }
        out.append(opt);
    }
    return out;
}

} // namespace orm::detail
