// The check the generated dispatch makes before it decodes anything, for routes whose IDL names a permission.
#pragma once

#include <string>

#include "ipc/context.hh"
#include "ipc/reply.hh"

namespace ipc {

// True when `context` grants `permission`; otherwise answers `reply` with NotAllowedError (HTTP 403) naming the
// permission and the socket.ini key that grants it, and returns false.
bool permitted (const Context& context, const std::string& permission, Reply& reply);

}  // namespace ipc
