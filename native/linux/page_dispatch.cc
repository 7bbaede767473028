#include "linux/page_dispatch.hh"

#include "linux/permission_policy.hh"
#include "linux/services.hh"
#include "linux/window.hh"

namespace host {

void dispatchFromPage(Window &window, ipc::Message &message, std::function<void(ipc::Response)> sink,
                      std::function<void(int fd)> readDescriptor) {
  ipc::Context context;
  context.index = window.index();
  context.seq = message.seq;
  context.events = window.services().events();
  context.permissions = permissionPolicy(window.app().config());
  context.readDescriptor = std::move(readDescriptor);
  std::string token;
  if (const auto *value = message.param("ipc-token")) token = *value;
  window.services().router().dispatch(message, context, ipc::Reply(message.route, token, std::move(sink)));
}

}  // namespace host
