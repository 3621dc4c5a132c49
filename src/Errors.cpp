#include <orm/Errors.h>

namespace orm {

Error::Error(QString message)
    : m_message(std::move(message)), m_what(m_message.toUtf8())
{
}

const char *Error::what() const noexcept
{
    return m_what.constData();
}

ValidationError::ValidationError(QString message, QList<ValidationErrorItem> items)
    : Error(std::move(message)), m_items(std::move(items))
{
}

DatabaseError::DatabaseError(QString message, QString sql, QString driverText, QString nativeCode)
    : Error(std::move(message)), m_sql(std::move(sql)), m_driverText(std::move(driverText)),
      m_nativeCode(std::move(nativeCode))
{
}

ConstraintError::ConstraintError(QString message, QString sql, QString driverText, QString nativeCode, QString model,
                                 QStringList fields, QString constraint)
    : DatabaseError(std::move(message), std::move(sql), std::move(driverText), std::move(nativeCode)),
      m_model(std::move(model)), m_fields(std::move(fields)), m_constraint(std::move(constraint))
{
}

} // namespace orm
