// The filter builder above a records table: rows of field / operator / value, combined
// with AND or OR, turned into an orm::Where with the Op operators. Each field offers the
// operators that make sense for its type (no LIKE on a number, no ordering on a boolean);
// values are converted to the field's type before they are bound, and a value that does
// not convert is marked at its row instead of being sent.
#pragma once

#include <orm/ModelMeta.h>
#include <orm/Where.h>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QVBoxLayout;

namespace quarry::browser {

class FilterBuilder : public QWidget
{
    Q_OBJECT
public:
    enum class Operator {
        Eq, Ne, Gt, Gte, Lt, Lte,
        Like, NotLike, ILike, StartsWith, EndsWith, Substring,
        In, NotIn, Between, IsNull, NotNull
    };
    Q_ENUM(Operator)
    enum class Combine { All, Any };

    explicit FilterBuilder(QWidget *parent = nullptr);

    // The model whose fields are offered; clears the conditions.
    void setModelMeta(const orm::ModelMeta *meta);
    static QList<Operator> operatorsFor(const orm::FieldMeta &field);
    static QString operatorText(Operator op);

    // Programmatic use (tests, embedding applications): one row per call. value2 is the
    // upper bound of Between; In/NotIn take a comma-separated list.
    int addCondition(const QString &field = {}, Operator op = Operator::Eq, const QString &value = {},
                     const QString &value2 = {});
    void removeCondition(int row);
    int conditionCount() const { return int(m_rows.size()); }
    void setCombine(Combine combine);
    Combine combine() const;
    QList<Operator> offeredOperators(int row) const;

    // The where clause of the rows; empty when there are none. When a value does not convert,
    // returns false, marks the row and sets errorString().
    bool buildWhere(orm::Where *where);
    QString errorString() const { return m_error; }

public slots:
    // Builds the where clause and emits filterChanged when it is valid.
    bool apply();
    void clear();

signals:
    void filterChanged(const orm::Where &where);

private:
    struct Row
    {
        QWidget *widget;
        QComboBox *field, *op;
        QLineEdit *value, *value2;
        QLabel *and_;
        QToolButton *remove;
    };
    const orm::FieldMeta *fieldOf(const Row &row) const;
    void fillOperators(Row &row);
    void updateValueEditors(Row &row);
    bool convert(const orm::FieldMeta &field, const QString &text, QVariant *out) const;
    bool rowWhere(Row &row, orm::Where *where);

    const orm::ModelMeta *m_meta = nullptr;
    QList<Row> m_rows;
    QComboBox *m_combine;
    QVBoxLayout *m_rowsLayout;
    QLabel *m_message;
    QString m_error;
};

} // namespace quarry::browser
