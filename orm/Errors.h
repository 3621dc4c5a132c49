// The typed exception hierarchy. Every failure the ORM reports is one of these; driver
// errors are mapped by the dialect, so callers catch the same type on every database.
#pragma once

#include <orm/Global.h>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <exception>

namespace orm {

class QUARRY_EXPORT Error : public std::exception
{
public:
    explicit Error(QString message);
    const char *what() const noexcept override;
    QString message() const { return m_message; }

private:
    QString m_message;
    QByteArray m_what; // what() must return storage that outlives the call
};

// Raised when a model, an option or an association is declared wrongly.
class QUARRY_EXPORT DefinitionError : public Error
{
public:
    using Error::Error;
};

// A URL, a dialect or a driver that cannot be used, or a connection that was lost.
class QUARRY_EXPORT ConnectionError : public Error
{
public:
    using Error::Error;
};

// findOne/findByPk with rejectOnEmpty found nothing.
class QUARRY_EXPORT EmptyResultError : public Error
{
public:
    using Error::Error;
};

struct ValidationErrorItem
{
    QString model;
    QString field;
    QString message;
    QString validator; // "notNull", "isEmail", a custom validator's name, a model-wide one's
    QVariant value;
    int record = -1; // bulkCreate: the index of the failing record; -1 otherwise
};

class QUARRY_EXPORT ValidationError : public Error
{
public:
    ValidationError(QString message, QList<ValidationErrorItem> items);
    const QList<ValidationErrorItem> &items() const { return m_items; }

private:
    QList<ValidationErrorItem> m_items;
};

// An error the database reported; carries the statement and the driver's own text.
class QUARRY_EXPORT DatabaseError : public Error
{
public:
    DatabaseError(QString message, QString sql, QString driverText, QString nativeCode = {});
    QString sql() const { return m_sql; }
    QString driverText() const { return m_driverText; }
    QString nativeCode() const { return m_nativeCode; }
    // True for deadlocks and serialization failures: running the operation again may succeed.
    virtual bool isRetryable() const { return false; }

private:
    QString m_sql;
    QString m_driverText;
    QString m_nativeCode;
};

class QUARRY_EXPORT ConstraintError : public DatabaseError
{
public:
    ConstraintError(QString message, QString sql, QString driverText, QString nativeCode,
                    QString model, QStringList fields, QString constraint = {});
    QString model() const { return m_model; }
    // Attribute names of the fields involved, where the driver lets us tell.
    QStringList fields() const { return m_fields; }
    // The constraint or index name, where the driver says it.
    QString constraint() const { return m_constraint; }

private:
    QString m_model;
    QStringList m_fields;
    QString m_constraint;
};

class QUARRY_EXPORT UniqueConstraintError : public ConstraintError
{
public:
    using ConstraintError::ConstraintError;
};

class QUARRY_EXPORT ForeignKeyConstraintError : public ConstraintError
{
public:
    using ConstraintError::ConstraintError;
};

class QUARRY_EXPORT NotNullConstraintError : public ConstraintError
{
public:
    using ConstraintError::ConstraintError;
};

class QUARRY_EXPORT CheckConstraintError : public ConstraintError
{
public:
    using ConstraintError::ConstraintError;
};

class QUARRY_EXPORT DeadlockError : public DatabaseError
{
public:
    using DatabaseError::DatabaseError;
    bool isRetryable() const override { return true; }
};

class QUARRY_EXPORT TimeoutError : public DatabaseError
{
public:
    using DatabaseError::DatabaseError;
};

} // namespace orm

namespace orm {
// A call that names something the model does not have (an attribute, an order or where
// field), or asks for something the model cannot do (restore on a non-paranoid model).
class QUARRY_EXPORT QueryError : public Error
{
public:
    using Error::Error;
};
} // namespace orm
