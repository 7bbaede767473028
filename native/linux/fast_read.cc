#include "linux/fast_read.hh"

#include <gio/gunixfdlist.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "ipc/ipc.hh"
#include "linux/app.hh"
#include "linux/ipc_bridge.hh"
#include "linux/page_dispatch.hh"
#include "linux/permissions.hh"
#include "linux/window.hh"
#include "linux/worker_pool.hh"

namespace host {

namespace {
constexpr const char *kMessage = "socket.fastRead";
constexpr const char *kFolder = "socket-webext";
constexpr const char *kLibrary = "libsocket-fast-read.so";
bool enabled = false;

// Runs in the isolated world after the extension defined `__socketFastRead` there (window-object-cleared comes
// first). It keeps the function to itself, tells the page it is there by cancelling the probe, and passes each
// request "<id> <ipc://fs.readFile?…>" on. The answer is a `__socket_fast_read_reply` event the extension
// dispatches in the page's world (runtime-js/ipc/fast-read.ts).
constexpr const char *kScript = R"JS((() => {
  const read = globalThis.__socketFastRead
  if (typeof read !== 'function') return
  delete globalThis.__socketFastRead
  document.addEventListener('__socket_fast_read_probe', (event) => event.preventDefault())
  document.addEventListener('__socket_fast_read', (event) => {
    const detail = String(event.detail)
    const space = detail.indexOf(' ')
    if (space > 0) read(detail.slice(0, space), detail.slice(space + 1))
  })
})())JS";

std::string executableFolder() {
  gchar *self = g_file_read_link("/proc/self/exe", nullptr);
  if (!self) return "";
  gchar *folder = g_path_get_dirname(self);
  std::string out = folder;
  g_free(folder);
  g_free(self);
  return out;
}

// The reply: "(s@ay)", a kind ("fd", "bytes" or a JSON envelope) and bytes for "bytes" only. A GVariant string must
// be UTF-8, and an error may quote a path the page sent as other bytes.
void answer(WebKitUserMessage *message, const std::string &kind, const std::vector<uint8_t> &bytes = {}, int fd = -1) {
  GVariant *data = g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, bytes.data(), bytes.size(), 1);
  gchar *text = g_utf8_make_valid(kind.data(), static_cast<gssize>(kind.size()));
  GVariant *parameters = g_variant_new("(s@ay)", text, data);
  g_free(text);
  GUnixFDList *descriptors = nullptr;
  if (fd >= 0) {
    descriptors = g_unix_fd_list_new_from_array(&fd, 1);  // takes the descriptor
  }
  WebKitUserMessage *reply = webkit_user_message_new_with_fd_list(kMessage, parameters, descriptors);
  webkit_user_message_send_reply(message, reply);
  if (descriptors) g_object_unref(descriptors);
}

std::string errorEnvelope(const std::string &route, const ipc::Error &error) {
  return ipc::envelope(route, "", nullptr, &error);
}

// A request from the web process, which is the untrusted side: everything it says is checked here.
gboolean onUserMessage(WebKitWebView *, WebKitUserMessage *message, gpointer data) {
  if (g_strcmp0(webkit_user_message_get_name(message), kMessage) != 0) return FALSE;
  Window &window = *static_cast<Window *>(data);
  GVariant *parameters = webkit_user_message_get_parameters(message);
  if (!parameters || !g_variant_is_of_type(parameters, G_VARIANT_TYPE("(ss)"))) {
    answer(message, errorEnvelope("", ipc::Error::typeError("a fast read takes (uri, frame uri)")));
    return TRUE;
  }
  const char *uri = nullptr;
  const char *frame = nullptr;
  g_variant_get(parameters, "(&s&s)", &uri, &frame);
  // The same rule as the user scripts' allow list: only the app's own frames.
  if (!window.app().trustedUrl(frame)) {
    window.app().logRefusal("a fast read", frame, "not the app's page");
    answer(message, errorEnvelope("", ipc::Error::notAllowed("fs.readFile answers only the app's own pages")));
    return TRUE;
  }
  std::string why;
  auto request = ipc::Message::parse(uri, &why);
  if (!request) {
    answer(message, errorEnvelope("", ipc::Error::typeError("malformed ipc:// request: " + why)));
    return TRUE;
  }
  if (request->route != "fs.readFile") {
    answer(message, errorEnvelope(request->route, ipc::Error::notAllowed("the fast read answers fs.readFile only")));
    return TRUE;
  }
  // The router checks the arguments and the service the fs sandbox, as for any fs.readFile; a regular file comes
  // back as its descriptor (readDescriptor runs before the reply), anything else as usual.
  g_object_ref(message);
  auto descriptor = std::make_shared<int>(-1);
  dispatchFromPage(window, *request, [message, descriptor](ipc::Response response) {
    runOnMainThread([message, descriptor, response = std::move(response)]() {
      if (*descriptor >= 0) answer(message, "fd", {}, *descriptor);
      else if (response.contentType.rfind("application/octet-stream", 0) == 0) answer(message, "bytes", response.body);
      else answer(message, std::string(response.body.begin(), response.body.end()));
      g_object_unref(message);
    });
  }, [descriptor](int fd) { *descriptor = fd; });
  return TRUE;
}

// WebKit loads every library in the folder into every web process: the folder must hold our library alone, and
// neither may be writable by a page (a [filesystem] allow of the host's folder) or by anyone, else code a page
// wrote would run in the web process. A refused folder is reported once and the ordinary path is used.
bool trustworthy(App &app, const std::string &folder, std::string &why) {
  struct stat info {};
  if (::lstat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return why = "not a folder", false;
  if (info.st_mode & S_IWOTH) return why = "the folder is writable by anyone", false;
  GDir *dir = g_dir_open(folder.c_str(), 0, nullptr);
  if (!dir) return why = "the folder cannot be listed", false;
  bool alone = true;
  while (const char *name = g_dir_read_name(dir)) alone = alone && std::string(name) == kLibrary;
  g_dir_close(dir);
  if (!alone) return why = std::string("the folder holds more than ") + kLibrary, false;
  std::string library = folder + "/" + kLibrary;
  if (::lstat(library.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return why = "the library is not a regular file", false;
  if (info.st_mode & S_IWOTH) return why = "the library is writable by anyone", false;
  std::string resolved, refusal;
  if (app.permissions().check(library, Permissions::Access::Write, resolved, refusal) ||
      app.permissions().check(folder + "/x.so", Permissions::Access::Write, resolved, refusal))
    return why = "the page may write there ([filesystem] allow)", false;
  return true;
}
}  // namespace

void enableFastRead(App &app) {
  const char *setting = std::getenv("SOCKET_HOST_FAST_READ");
  if (setting && std::string(setting) == "0") return;
  std::string folder = executableFolder() + "/" + kFolder;
  if (!g_file_test(folder.c_str(), G_FILE_TEST_EXISTS)) return;
  std::string why;
  if (!trustworthy(app, folder, why)) {
    std::fprintf(stderr, "socket-host: not loading the web-process extension in %s: %s\n", folder.c_str(), why.c_str());
    return;
  }
  webkit_web_context_set_web_extensions_directory(app.context(), folder.c_str());
  webkit_web_context_set_web_extensions_initialization_user_data(app.context(), g_variant_new("(s)", kIpcWorld));
  enabled = true;
}

void installFastRead(Window &window) {
  if (!enabled) return;
  addIsolatedScript(window, webkit_web_view_get_user_content_manager(window.view()), kScript);
  g_signal_connect(window.view(), "user-message-received", G_CALLBACK(onUserMessage), &window);
}

}  // namespace host
