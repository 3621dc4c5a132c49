#include <orm/Values.h>

#include <QVariantHash>
#include <QVariantMap>
#include <algorithm>

namespace orm {

AttributeName::AttributeName(const char *utf8)
{
    const qsizetype n = utf8 ? qstrlen(utf8) : 0;
    // ASCII is Latin-1; anything else is left to QString's UTF-8 decoder.
    if (std::all_of(utf8, utf8 + n, [](char c) { return uchar(c) < 0x80; }))
        assignLatin1(QLatin1StringView(utf8, n));
    else
        assignString(QString::fromUtf8(utf8, n));
}

AttributeName::AttributeName(QLatin1StringView name)
{
    assignLatin1(name);
}

AttributeName::AttributeName(QStringView name)
{
    if (name.size() > kInline) {
        assignString(name.toString());
        return;
    }
    std::copy(name.utf16(), name.utf16() + name.size(), m_inline);
    m_size = quint8(name.size());
}

void AttributeName::assignLatin1(QLatin1StringView name)
{
    if (name.size() > kInline) {
        assignString(name.toString());
        return;
    }
    std::transform(name.begin(), name.end(), m_inline, [](char c) { return char16_t(uchar(c)); });
    m_size = quint8(name.size());
}

void AttributeName::assignString(QString name)
{
    m_string = std::move(name);
    m_size = kInString;
}

namespace {
template <class Map>
QList<Values::Entry> entriesOf(const Map &map)
{
    QList<Values::Entry> out;
    out.reserve(map.size());
    for (auto it = map.begin(); it != map.end(); ++it)
        out.append({it.key(), it.value()});
    return out;
}
} // namespace

Values::Values(const QVariantMap &map) : m_entries(entriesOf(map)) {}

Values::Values(const QVariantHash &hash) : m_entries(entriesOf(hash)) {}

qsizetype Values::find(QStringView name) const
{
    // The last entry of a name is its value (a brace list may repeat one).
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i)
        if (m_entries.at(i).name.view() == name)
            return i;
    return -1;
}

QVariant Values::value(QStringView name) const
{
    const qsizetype i = find(name);
    return i < 0 ? QVariant() : m_entries.at(i).value;
}

void Values::insert(const AttributeName &name, const QVariant &value)
{
    const qsizetype i = find(name.view());
    if (i >= 0)
        m_entries[i].value = value;
    else
        m_entries.append({name, value});
}

void Values::remove(QStringView name)
{
    m_entries.removeIf([&](const Entry &e) { return e.name.view() == name; });
}

QStringList Values::names() const
{
    QStringList out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries) {
        QString name = e.name.toString();
        if (!out.contains(name))
            out.append(std::move(name));
    }
    return out;
}

QVariantMap Values::toMap() const
{
    QVariantMap out;
    for (const Entry &e : m_entries)
        out.insert(e.name.toString(), e.value); // later entries replace earlier ones
    return out;
}

} // namespace orm
