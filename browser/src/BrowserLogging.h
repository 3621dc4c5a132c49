#pragma once
#include <QLoggingCategory>

namespace quarry::browser {
Q_DECLARE_LOGGING_CATEGORY(lcBrowser) // "quarry.browser"
}
