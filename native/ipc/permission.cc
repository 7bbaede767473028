#include "ipc/permission.hh"

namespace ipc {

bool permitted (const Context& context, const std::string& permission, Reply& reply) {
  if (context.permissions && context.permissions->allows(permission)) return true;
  reply.error(Error::notAllowed(reply.source() + ": not allowed: this app does not grant the '" + permission +
    "' permission (socket.ini: [permissions] allow_" + permission + " = true)"), 403);
  return false;
}

}  // namespace ipc
