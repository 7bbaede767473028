#include <glib.h>
#include <unistd.h>

#include "linux/app.hh"
#include "linux/backend.hh"
#include "linux/environment.hh"
#include "linux/process_service.hh"

namespace host {

using namespace api::process;

void ProcessServiceImpl::envGet(const ipc::Context &, EnvGetArgs args, ipc::Reply reply) {
  PageEnvironment &env = app_.environment();
  if (!env.readable(args.key))
    return (void)reply.error(ipc::Error::notAllowed("process.env.get: " + args.key +
                                                    " is not exposed to the page (list it in socket.ini [build] env)"));
  std::string value;
  resolveEnvGet(reply, env.get(args.key, value) ? std::optional<std::string>(value) : std::nullopt);
}

// A page's write never reaches the host's own environment (see environment.hh): only backends and children
// started afterwards see it.
void ProcessServiceImpl::envSet(const ipc::Context &, EnvSetArgs args, ipc::Reply reply) {
  if (args.key.empty() || args.key.find('=') != std::string::npos || args.key.find('\0') != std::string::npos)
    return (void)reply.error(ipc::Error::typeError("key must be a non-empty name without '='"));
  std::string why;
  if (!app_.environment().set(args.key, args.value, why)) return (void)reply.error(ipc::Error::notAllowed("process.env.set: " + why));
  resolveEnvSet(reply);
}

void ProcessServiceImpl::cwd(const ipc::Context &, CwdArgs, ipc::Reply reply) {
  char buffer[4096];
  resolveCwd(reply, getcwd(buffer, sizeof buffer) ? buffer : app_.options().resources);
}

void ProcessServiceImpl::open(const ipc::Context &, OpenArgs args, ipc::Reply reply) {
  Backend &backend = app_.backend();
  if (!backend.configured())
    return (void)reply.error(ipc::Error::notFound("this app has no backend: set [linux] cmd in socket.ini"));
  std::string why;
  if (!backend.open(args.force, why)) return (void)reply.error(ipc::Error::internal(why));
  resolveOpen(reply, backend.describe());
}

void ProcessServiceImpl::kill(const ipc::Context &, KillArgs, ipc::Reply reply) {
  app_.backend().kill();
  resolveKill(reply);
}

void ProcessServiceImpl::write(const ipc::Context &context, WriteArgs args, ipc::Reply reply) {
  // The backend receives the original's line: the whole request as an ipc:// URI, re-encoded from the
  // validated values so nothing unchecked is forwarded.
  std::string line = "ipc://process.write?index=" + std::to_string(context.index) + "&event=" +
                     ipc::percentEncode(args.event) + "&value=" + ipc::percentEncode(args.value.stringify());
  if (!context.seq.empty()) line += "&seq=" + ipc::percentEncode(context.seq);
  std::string why;
  if (!app_.backend().write(line, why)) return (void)reply.error(ipc::Error::notFound(why));
  resolveWrite(reply);
}

void ProcessServiceImpl::exit(const ipc::Context &, ExitArgs args, ipc::Reply reply) {
  resolveExit(reply);
  app_.exit(args.value);
}

}  // namespace host
