// A belongsToMany association in a record form: the target model's records as a checklist,
// with an editor for each extra field of the junction (through) model on every row, e.g.
// a user's groups with the role of each membership. Targets and the links an existing
// record has are read on a worker; save() writes the difference inside the caller's
// transaction.
#pragma once

#include <orm/Database.h>
#include <orm/Instance.h>
#include <QWidget>

class QTableWidget;

namespace quarry::browser {

class FieldEditor;

class BelongsToManyChecklist : public QWidget
{
    Q_OBJECT
public:
    // sourceKey: the key value of the record being edited; invalid for a new one.
    BelongsToManyChecklist(const orm::Database &db, const orm::AssociationMeta &association, const QVariant &sourceKey,
                           QWidget *parent = nullptr);

    static constexpr int maxRecords = 500;
    const orm::AssociationMeta &association() const { return m_association; }
    bool isLoaded() const { return m_targetsLoaded && m_linksLoaded; }
    QStringList throughFields() const { return m_throughFields; }
    QTableWidget *table() const { return m_table; }

    // By the target's key value (its targetKey attribute).
    QVariantList targetKeys() const;
    int rowOfLabel(const QString &text) const; // the first row whose label contains text
    void setChecked(const QVariant &targetKey, bool checked);
    bool isChecked(const QVariant &targetKey) const;
    QVariantList checkedKeys() const;
    FieldEditor *throughEditor(const QVariant &targetKey, const QString &field) const;
    QVariantMap throughValues(const QVariant &targetKey) const;

    // Adds, removes and updates the junction rows of source so they match the checklist.
    // Call inside a transaction; throws the ORM's typed errors.
    void save(const orm::Ptr<orm::Instance> &source) const;

signals:
    void loaded();

private:
    struct Target
    {
        QVariant key;
        QString label;
    };
    void fillTargets(const QList<Target> &targets);
    void applyLinks();
    int rowOf(const QVariant &key) const;

    orm::Database m_db;
    orm::AssociationMeta m_association;
    QStringList m_throughFields;
    QTableWidget *m_table;
    bool m_targetsLoaded = false, m_linksLoaded = false;
    QHash<QString, QVariantMap> m_links; // target key (as text) -> junction values, as loaded
};

} // namespace quarry::browser
