// The interface language: the built-in translations (:/i18n/quarry_browser_<lang>.qm,
// from translations/*.ts) chosen by --lang or the system locale.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace quarry::browser {

// The languages with a translation, besides English: "de", "zh_CN".
QStringList availableLanguages();
// Installs the translation for language ("de", "zh_CN", "en"; empty: the system locale's
// UI languages) on the application, replacing one installed before, together with Qt's
// own strings for it when Qt ships them. Returns the language now in use ("en" when none
// matched), or an empty string when language names no translation at all.
QString installTranslation(const QString &language = {});

} // namespace quarry::browser
