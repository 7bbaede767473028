#include "linux/extension_service.hh"

#include <unistd.h>

#include "linux/extension_registry.hh"

namespace host {

using namespace api::extension;

void ExtensionServiceImpl::load(const ipc::Context &, LoadArgs args, ipc::Reply reply) {
  ipc::Error error;
  auto extension = ExtensionRegistry::instance().load(app_, args.name, error);
  if (extension == nullptr) return void(reply.error(error));
  ExtensionInfo info{extension->name, extension->description, extension->version, {}};
  for (const auto &[route, target] : extension->routes) info.routes.push_back(route);
  resolveLoad(reply, info);
}

void ExtensionServiceImpl::unload(const ipc::Context &, UnloadArgs args, ipc::Reply reply) {
  resolveUnload(reply, ExtensionRegistry::instance().unload(args.name));
}

void ExtensionServiceImpl::stats(const ipc::Context &, StatsArgs, ipc::Reply reply) {
  auto names = ExtensionRegistry::instance().names();
  resolveStats(reply, ExtensionStats{SOCKET_RUNTIME_EXTENSION_ABI, static_cast<uint32_t>(names.size()), names});
}

void ExtensionServiceImpl::type(const ipc::Context &, TypeArgs args, ipc::Reply reply) {
  std::string path = ExtensionRegistry::libraryPath(app_, args.name);
  bool shared = ExtensionRegistry::instance().find(args.name) != nullptr || (!path.empty() && access(path.c_str(), R_OK) == 0);
  resolveType(reply, shared ? "shared" : "unknown");
}

void ExtensionServiceImpl::call(const ipc::Context &, CallArgs args, ipc::Reply reply) {
  auto extension = ExtensionRegistry::instance().find(args.name);
  if (extension == nullptr) return void(reply.error(ipc::Error::notFound("extension '" + args.name + "' is not loaded (extension.load first)")));
  ExtensionRegistry::call(std::move(extension), args.route, std::move(args.params), std::move(reply));
}

}  // namespace host
