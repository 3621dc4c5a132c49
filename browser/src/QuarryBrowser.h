// The model browser for an application's own database, in one include:
//
//   #include <QuarryBrowser.h>
//   quarry::browser::installTranslation();       // optional: German or Chinese by locale
//   quarry::browser::MainWindow browser(db);     // any open orm::Database, models defined
//   browser.show();
//
// CMake: find_package(Quarry REQUIRED COMPONENTS BrowserWidgets) and link
// Quarry::BrowserWidgets. The widgets (RecordsView, DiagramView, IncludeTreeWidget, ...)
// can also be used one by one; each has its own header beside this one.
#pragma once

#include "MainWindow.h"
#include "Translations.h"
