#include <orm/Values.h>

#include <QVariantHash>
#include <QVariantMap>

namespace orm {

AttributeName::AttributeName(const char *utf8)
{
    const qsizetype n = utf8 ? qstrlen(utf8) : 0;
    if (n > kInline) {
        m_string = QString::fromUtf8(utf8, n);
        m_size = kInString;
        return;
    }
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(utf8[i]);
        if (c >= 0x80) { // not ASCII: let QString decode the UTF-8
            m_string = QString::fromUtf8(utf8, n);
            m_size = kInString;
            return;
        }
        m_inline[i] = c;
    }
    m_size = quint8(n);
}

AttributeName::AttributeName(QLatin1StringView name)
{
    if (name.size() > kInline) {
        m_string = name.toString();
        m_size = kInString;
        return;
    }
    for (qsizetype i = 0; i < name.size(); ++i)
        m_inline[i] = char16_t(uchar(name.data()[i]));
    m_size = quint8(name.size());
}

AttributeName::AttributeName(QStringView name)
{
    assign(name);
}

void AttributeName::assign(QStringView name)
{
    if (name.size() > kInline) {
        m_string = name.toString();
        m_size = kInString;
        return;
    }
    std::copy(name.utf16(), name.utf16() + name.size(), m_inline);
    m_size = quint8(name.size());
}

Values::Values(const QVariantMap &map)
{
    m_entries.reserve(map.size());
    for (auto it = map.begin(); it != map.end(); ++it)
        m_entries.append({it.key(), it.value()});
}

Values::Values(const QVariantHash &hash)
{
    m_entries.reserve(hash.size());
    for (auto it = hash.begin(); it != hash.end(); ++it)
        m_entries.append({it.key(), it.value()});
}

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
