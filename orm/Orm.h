// Umbrella header: everything an application needs.
#pragma once

#include <orm/Async.h>
#include <orm/Database.h>
#include <orm/Errors.h>
#include <orm/FindOptions.h>
#include <orm/Instance.h>
#include <orm/Model.h>
#include <orm/ModelHandle.h>
#include <orm/ModelMeta.h>
#include <orm/Op.h>
#include <orm/Values.h>
#include <orm/Where.h>
