// orm::Values: the attribute values handed to create, build, set and bulkCreate.
//
//   User::create({{"firstName", "John"}, {"age", 30}});
//
// A brace list of name/value pairs, kept in the order written, that is cheaper to build
// than a QVariantMap: no tree nodes, and a name written as a string literal is copied into
// the entry itself instead of being converted into a heap-allocated QString (names are
// short). A QVariantMap or QVariantHash converts to it implicitly, so code that already
// holds one passes it as before.
#pragma once

#include <orm/Global.h>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <initializer_list>

namespace orm {

// An attribute's name as the caller wrote it.
class QUARRY_EXPORT AttributeName
{
public:
    AttributeName(const char *utf8);
    AttributeName(QLatin1StringView name);
    AttributeName(QStringView name);
    AttributeName(const QString &name) : m_string(name), m_size(kInString) {}
    AttributeName(QString &&name) : m_string(std::move(name)), m_size(kInString) {}

    QStringView view() const
    {
        return m_size == kInString ? QStringView(m_string) : QStringView(m_inline, m_size);
    }
    QString toString() const { return m_size == kInString ? m_string : view().toString(); }
    friend bool operator==(const AttributeName &a, const AttributeName &b) { return a.view() == b.view(); }

private:
    void assignLatin1(QLatin1StringView name);
    void assignString(QString name);
    static constexpr int kInline = 31;     // attribute names are rarely longer
    static constexpr quint8 kInString = 0xff;
    QString m_string;                     // names that do not fit, or given as a QString
    char16_t m_inline[kInline] = {};
    quint8 m_size = 0;
};

class QUARRY_EXPORT Values
{
public:
    struct Entry
    {
        AttributeName name;
        QVariant value;
    };

    Values() = default;
    Values(std::initializer_list<Entry> entries) : m_entries(entries) {}
    Values(const QVariantMap &map);
    Values(const QVariantHash &hash);

    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    bool contains(QStringView name) const { return find(name) >= 0; }
    // The value of name; an invalid QVariant when it has none.
    QVariant value(QStringView name) const;
    // Sets name's value, replacing the one it had.
    void insert(const AttributeName &name, const QVariant &value);
    void remove(QStringView name);

    QList<Entry>::const_iterator begin() const { return m_entries.cbegin(); }
    QList<Entry>::const_iterator end() const { return m_entries.cend(); }

    // The names, each once, in the order first written.
    QStringList names() const;
    QVariantMap toMap() const;
    friend bool operator==(const Values &a, const Values &b) { return a.toMap() == b.toMap(); }

private:
    qsizetype find(QStringView name) const;
    QList<Entry> m_entries; // a name given twice in a brace list: the last one wins, as in a map
};

} // namespace orm
