// A belongsToMany association in a record form: the target model's records as a checklist,
// with an editor for each extra field of the junction (through) model on every row, e.g.
// a user's groups with the role of each membership.
//
// The list shows the records the edited record is linked to, the rows the user changed,
// and then the first maxRecords targets, or those a search (on the server) finds. Saving
// writes only what the user changed: rows ticked or unticked, and junction fields edited on
// linked rows. Links the user did not touch are never removed, listed or not.
// Everything is read on workers; changes() is taken on the GUI thread and apply() writes
// them on a worker, inside the form's transaction.
#pragma once

#include <orm/Database.h>
#include <orm/Instance.h>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableWidget;
class QTimer;

namespace quarry::browser {

class FieldEditor;

class BelongsToManyChecklist : public QWidget
{
    Q_OBJECT
public:
    // sourceKey: the key value of the record being edited; invalid for a new one.
    BelongsToManyChecklist(const orm::Database &db, const orm::AssociationMeta &association, const QVariant &sourceKey,
                           QWidget *parent = nullptr);

    // How many targets are listed besides the linked and changed ones.
    static constexpr int maxRecords = 500;
    const orm::AssociationMeta &association() const { return m_association; }
    // False while the links or a search are being read.
    bool isLoaded() const { return m_targetsLoaded && m_linksLoaded; }
    // True when more targets match than are listed (search to find the others).
    bool isTruncated() const { return m_truncated; }
    QStringList throughFields() const { return m_throughFields; }
    QTableWidget *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }

    // The rows listed now, by the target's key value (its targetKey attribute).
    QVariantList targetKeys() const;
    int rowOfLabel(const QString &text) const; // the first row whose label contains text
    void setChecked(const QVariant &targetKey, bool checked);
    bool isChecked(const QVariant &targetKey) const;
    QVariantList checkedKeys() const;
    FieldEditor *throughEditor(const QVariant &targetKey, const QString &field) const;
    QVariantMap throughValues(const QVariant &targetKey) const;

    // What the user changed, by target key: links to add (with their junction values),
    // links to remove, and the junction fields edited on linked rows.
    struct Changes
    {
        QList<std::pair<QVariant, QVariantMap>> add;
        QVariantList remove;
        QList<std::pair<QVariant, QVariantMap>> update;
        bool isEmpty() const { return add.isEmpty() && remove.isEmpty() && update.isEmpty(); }
    };
    Changes changes() const;
    // Writes changes for source. Any thread; call inside a transaction; throws the ORM's
    // typed errors.
    static void apply(const orm::Database &db, const orm::AssociationMeta &association,
                      const orm::Ptr<orm::Instance> &source, const Changes &changes);

public slots:
    // Lists the targets matching text (all of them when empty), read on a worker.
    void search(const QString &text);

signals:
    // The links and the list are read (after the first load and after every search).
    void loaded();

private:
    struct Target
    {
        QVariant key;
        QString label;
    };
    // A row as the user left it.
    struct RowState
    {
        QVariant key;
        QString label;
        bool checked = false;
        QVariantMap through; // the editors' values, NULL as an invalid QVariant
    };
    void loadLinks(const QVariant &sourceKey);
    void rebuild();
    void addRow(const Target &target);
    void finishLoading();
    QHash<QString, RowState> changedRows() const;
    RowState stateOfRow(int row) const;
    bool isChange(const RowState &state) const;
    QVariantMap editorValues(int row) const;
    QVariantMap forSaving(const QVariantMap &values) const;
    int rowOf(const QVariant &key) const;

    orm::Database m_db;
    orm::AssociationMeta m_association;
    QStringList m_throughFields;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
    QLabel *m_note;
    QTableWidget *m_table;
    bool m_targetsLoaded = false, m_linksLoaded = false, m_truncated = false;
    int m_searchGeneration = 0;
    QList<Target> m_linkedTargets;           // the linked records, always listed first
    QList<Target> m_found;                   // the last list or search result
    QHash<QString, QVariantMap> m_links;     // target key (as text) -> junction values, as loaded
    QHash<QString, QVariantMap> m_baseline;  // linked row -> its editors' values as first shown
    QHash<QString, RowState> m_changed;      // rows the user changed, kept across searches
};

} // namespace quarry::browser
