#include "BrowserLogging.h"

namespace quarry::browser {
Q_LOGGING_CATEGORY(lcBrowser, "quarry.browser")
}
