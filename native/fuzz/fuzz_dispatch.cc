// libFuzzer: a request through the router and the generated dispatch of every capability. The input is a
// request URI, then a NUL byte, then its body. fs answers with the real FsServiceImpl, confined to a private
// temporary folder (its XDG data, config and cache folders and its resources are all made under it), so the
// fuzzer also drives the confined path resolution; every other service is a stand-in that answers ok
// (stubs.ts), since the real ones reach the network, processes and windows. Every request must be answered.
// The seeds name /tmp/socket-fuzz-work, granted read and write ([filesystem] allow[]) and emptied at start.
#include <glib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "ipc/router.hh"
#include "linux/config.hh"
#include "linux/fs_service.hh"
#include "linux/permissions.hh"

namespace fuzz {
void registerStubServices(ipc::Router &router);
}

namespace {
struct World {
  host::Config config;
  std::shared_ptr<host::Permissions> permissions;
  std::unique_ptr<host::FsServiceImpl> fs;
  ipc::Router router;

  World() {
    char folder[] = "/tmp/socket-fuzz-xdg-XXXXXX";
    if (!mkdtemp(folder)) abort();
    const std::string base = folder;
    for (const char *name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"})
      setenv(name, (base + "/" + name).c_str(), 1);
    g_mkdir_with_parents((base + "/resources").c_str(), 0700);
    if (system("rm -rf /tmp/socket-fuzz-work && mkdir -p /tmp/socket-fuzz-work/sub") != 0) abort();
    // The XDG folders go when the run ends; the work folder stays for a look until the next run.
    static std::string cleanup = "rm -rf " + base;
    atexit([] { if (system(cleanup.c_str()) != 0) return; });
    std::string error;
    config.parse(R"({"meta_bundle_identifier":"com.example.fuzz","filesystem_allow":"/tmp/socket-fuzz-work"})", error);
    permissions = std::make_shared<host::Permissions>(config, base + "/resources", "com.example.fuzz");
    fs = std::make_unique<host::FsServiceImpl>(permissions);
    fuzz::registerStubServices(router);
    api::fs::registerFsRoutes(router, *fs);
  }
};

World *shared = nullptr;
}  // namespace

// Set up once, outside the time any one input is allowed: emptying what an earlier run left can take a while.
extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  shared = new World();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  World &world = *shared;
  std::string input(reinterpret_cast<const char *>(data), size);
  const auto nul = input.find('\0');
  auto message = ipc::Message::parse(std::string_view(input).substr(0, nul));
  if (!message) return 0;
  if (nul != std::string::npos) message->body.assign(input.begin() + nul + 1, input.end());
  bool answered = false;
  {
    ipc::Reply reply(message->route, "", [&](ipc::Response response) {
      answered = true;
      if (response.contentType.empty()) abort();
    });
    ipc::Context context{0, message->seq, nullptr};
    world.router.dispatch(*message, context, reply);
  }
  if (!answered) abort();  // a request left unanswered would leave the page waiting forever
  // Keep the work folder small, so no input (nor the next run's setup) pays for emptying a large tree.
  static unsigned inputs = 0;
  if (++inputs % 4096 == 0 &&
      system("find /tmp/socket-fuzz-work -mindepth 1 -maxdepth 1 -exec rm -rf {} + 2>/dev/null; mkdir -p /tmp/socket-fuzz-work/sub") != 0)
    return 0;
  // Inputs open descriptors under ids they never close; a window closing does the same cleanup.
  if (world.fs->openCount() > 64) {
    auto reset = ipc::Message::parse("ipc://fs.closeOpenDescriptors?seq=R0");
    world.router.dispatch(*reset, ipc::Context{0, "R0", nullptr}, ipc::Reply("fs", "", [](ipc::Response) {}));
  }
  return 0;
}
