// Everything the generated C++ needs, in one include.
#pragma once

#include "ipc/codec.hh"
#include "ipc/context.hh"
#include "ipc/error.hh"
#include "ipc/json.hh"
#include "ipc/message.hh"
#include "ipc/permission.hh"
#include "ipc/reply.hh"
#include "ipc/router.hh"
