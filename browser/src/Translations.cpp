#include "Translations.h"

#include "BrowserLogging.h"
#include "DemoDatabase.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace quarry::browser {

using namespace Qt::StringLiterals;

QStringList availableLanguages()
{
    return {u"de"_s, u"zh_CN"_s};
}

namespace {
QPointer<QTranslator> g_app, g_qt;

void drop(QPointer<QTranslator> &t)
{
    if (t) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}
} // namespace

QString installTranslation(const QString &language)
{
    initBrowserResources();
    drop(g_app);
    drop(g_qt);
    const QString wanted = language.trimmed();
    if (wanted == "en"_L1 || wanted == "C"_L1 || wanted.startsWith("en_"_L1))
        return u"en"_s;
    // --lang de, de_DE or de-AT all mean German; zh, zh_CN or zh-Hans mean Simplified Chinese.
    const QLocale locale = wanted.isEmpty() ? QLocale::system() : QLocale(QString(wanted).replace(u'-', u'_'));
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, u"quarry_browser"_s, u"_"_s, u":/i18n"_s)) {
        delete translator;
        qCDebug(lcBrowser) << "no translation for" << locale.uiLanguages();
        if (!wanted.isEmpty() && locale.language() != QLocale::English)
            return {};
        return u"en"_s;
    }
    QCoreApplication::installTranslator(translator);
    g_app = translator;
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qt = qt;
    } else {
        delete qt;
    }
    const QString used = QFileInfo(translator->filePath()).completeBaseName().mid(QStringLiteral("quarry_browser_").size());
    qCInfo(lcBrowser) << "interface language" << used;
    return used;
}

} // namespace quarry::browser
