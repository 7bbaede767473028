// Serves the app: socket://<bundle-id>/<path> from the resources directory, and the module proxies that make
// `import 'socket:fs'` and `import 'node:fs'` resolve to the one instance at socket://<bundle-id>/socket/fs.js.
// Threads: the handler runs on the GTK main thread, which must never wait on the disk (a slow mount, a file
// under a lease being broken, a huge file). Anything that touches the app's files (finding, opening, reading)
// runs on the worker pool; the request is finished back on the main thread, as WebKit requires. A large file
// is handed to WebKit as a stream over its descriptor, which GLib reads on its own threads. A `Range` request
// (media elements seek with it) gets that part of the file, 206, from the same descriptor (seeked, never read whole).
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "linux/app.hh"
#include "linux/bounded_stream.hh"
#include "linux/byte_range.hh"
#include "linux/mime.hh"
#include "linux/protocol_handlers.hh"
#include "linux/schemes.hh"
#include "linux/service_workers.hh"
#include "linux/startup_trace.hh"
#include "linux/worker_pool.hh"

namespace host {

namespace {
// Node core names that `node:<name>` may import (the original's allow-list).
constexpr const char *kNodeModules[] = {
  "async_hooks", "assert", "buffer", "console", "constants", "child_process", "crypto", "dgram", "dns",
  "dns/promises", "events", "fs", "fs/constants", "fs/promises", "http", "https", "ip", "module", "net", "os",
  "os/constants", "path", "path/posix", "path/win32", "perf_hooks", "process", "querystring", "stream",
  "stream/web", "string_decoder", "sys", "test", "timers", "timers/promises", "tty", "url", "util", "vm",
  "worker_threads",
};

// Permissive enough for any app, strict about where code and connections may come from: no 'unsafe-eval' (unless
// `[webview] allow_eval`), no
// frames but the app's own unless socket.ini lists them (`[webview.navigator.policies] frames[]`, e.g. `data:`,
// `https:` or `https://www.youtube.com`). An app tightens it with its own <meta http-equiv="Content-Security-Policy">
// (policies only ever add restrictions) or replaces it with `webview_csp` in socket.ini.
std::string defaultCsp(const Config &config) {
  std::string frames = "'self' socket: blob:";
  gchar **entries = g_strsplit_set(config.get("webview_navigator_policies_frames").c_str(), " ,", -1);
  for (gchar **entry = entries; *entry; entry++) {
    // Only scheme and origin source expressions pass: nothing that could end the directive.
    if (**entry && !std::strpbrk(*entry, ";'\"\\")) frames += std::string(" ") + *entry;
  }
  g_strfreev(entries);
  // `[webview] allow_eval = true` lets code be compiled at run time (require() of JavaScript files, socket:vm).
  std::string eval = config.flag("webview_allow_eval", false) ? " 'unsafe-eval'" : "";
  // Protocol handler schemes (`[webview.protocol-handlers]`): answered by the app's own service workers.
  std::string own = "'self' socket:" + protocolHandlerSources(config);
  return "default-src " + own + " node: ipc: blob: data:; "
         "script-src " + own + " node: blob: 'unsafe-inline' 'wasm-unsafe-eval'" + eval + "; "
         "style-src " + own + " 'unsafe-inline'; img-src " + own + " blob: data: https:; "
         "media-src " + own + " blob: data: https:; font-src 'self' socket: data:; "
         "connect-src " + own + " ipc: blob: data: ws: wss: http: https:; "
         "worker-src 'self' socket: blob:; frame-src " + frames + protocolHandlerSources(config) + "; form-action 'self' socket:; "
         "base-uri 'self' socket:; object-src 'none'";
}

// Files up to this size are read whole on the pool and handed over as bytes; larger ones stream from their
// descriptor (GLib reads a regular file's stream on its own threads), so serving one never holds it in memory.
constexpr off_t kStreamAbove = 1024 * 1024;
constexpr gsize kStreamBuffer = 1024 * 1024;

struct Response {
  int status = 200;
  std::string body;
  std::string type = "text/plain; charset=utf-8";
  bool csp = false;
  int fd = -1;     // when set: a regular file to stream `size` bytes of, from its position, instead of `body`
  off_t size = 0;  // (the stream closes it)
  bool ranges = false;       // an app file: Accept-Ranges: bytes
  std::string contentRange;  // 206 and 416: the Content-Range header
};

// What the answer's headers need from the request and the app, taken on the main thread before the work leaves it.
struct Headers {
  std::string origin;  // Access-Control-Allow-Origin, or empty
  std::string csp;     // the app's CSP, sent with HTML
};

// Pages of the app (and, in dev, the dev server's) may load its modules cross-origin; nobody else gets CORS.
std::string allowedOrigin(App &app, WebKitURISchemeRequest *request) {
  SoupMessageHeaders *headers = webkit_uri_scheme_request_get_http_headers(request);
  const char *origin = headers ? soup_message_headers_get_one(headers, "Origin") : nullptr;
  return origin && app.trustedOrigin(origin) ? origin : "";
}

Headers headersFor(App &app, WebKitURISchemeRequest *request) { return {allowedOrigin(app, request), appCsp(app)}; }

// Main thread only (WebKit's rule for webkit_uri_scheme_request_finish*).
void finish(WebKitURISchemeRequest *request, Response response, const Headers &extra) {
  GInputStream *stream;
  gint64 size;
  if (response.fd >= 0) {
    // WebKit asks for a few KiB at a time and each read of the file runs on a GLib thread: the buffer makes that
    // one thread hop per MiB instead.
    // Bounded: a range ends where it should, and a file growing meanwhile is not sent past the size announced.
    GInputStream *file = g_unix_input_stream_new(response.fd, TRUE);
    GInputStream *part = boundedInputStreamNew(file, static_cast<guint64>(response.size));
    stream = g_buffered_input_stream_new_sized(part, kStreamBuffer);
    g_object_unref(part);
    g_object_unref(file);
    size = response.size;
  } else {
    size = static_cast<gint64>(response.body.size());
    auto *copy = static_cast<gchar *>(g_malloc(size ? size : 1));
    if (size) std::memcpy(copy, response.body.data(), size);
    stream = g_memory_input_stream_new_from_data(copy, size, g_free);
  }
  WebKitURISchemeResponse *reply = webkit_uri_scheme_response_new(stream, size);
  webkit_uri_scheme_response_set_status(reply, response.status, nullptr);
  webkit_uri_scheme_response_set_content_type(reply, response.type.c_str());
  SoupMessageHeaders *headers = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
  if (!extra.origin.empty()) soup_message_headers_append(headers, "Access-Control-Allow-Origin", extra.origin.c_str());
  soup_message_headers_append(headers, "Vary", "Origin");
  soup_message_headers_append(headers, "Cache-Control", "no-cache");
  soup_message_headers_append(headers, "Content-Type", response.type.c_str());
  if (response.csp) soup_message_headers_append(headers, "Content-Security-Policy", extra.csp.c_str());
  if (response.ranges) soup_message_headers_append(headers, "Accept-Ranges", "bytes");
  if (!response.contentRange.empty()) soup_message_headers_append(headers, "Content-Range", response.contentRange.c_str());
  webkit_uri_scheme_response_set_http_headers(reply, headers);
  webkit_uri_scheme_request_finish_with_response(request, reply);
  g_object_unref(reply);
  g_object_unref(stream);
}

void finish(App &app, WebKitURISchemeRequest *request, Response response) {
  finish(request, std::move(response), headersFor(app, request));
}

// Runs `work` (which reads the app's files) on the serving threads (worker_pool.hh) and finishes `request` with its response on the
// main thread. `work` must capture only copies: App and the request stay on the main thread.
void answerOffMain(App &app, WebKitURISchemeRequest *request, std::function<Response()> work) {
  g_object_ref(request);
  runServingOffMainThread([request, extra = headersFor(app, request), work = std::move(work)] {
    Response response = work();
    runOnMainThread([request, extra, response = std::move(response)]() mutable {
      finish(request, std::move(response), extra);
      g_object_unref(request);
    });
  });
}

Response error(int status, const std::string &message) {
  Response response;
  response.status = status;
  response.body = message;
  return response;
}

bool isRegularFile(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

bool isDirectory(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// Reads up to `size` bytes of `fd` into `out` and closes it. A read error or a file that shrank meanwhile leaves
// what was there.
void readAndClose(int fd, size_t size, std::string &out) {
  out.resize(size);
  size_t total = 0;
  while (total < out.size()) {
    ssize_t got = ::read(fd, out.data() + total, out.size() - total);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    total += static_cast<size_t>(got);
  }
  ::close(fd);
  out.resize(total);
}

// Opens `path` for `response` if it is a regular file: small ones are read into the body, larger ones left open
// to stream. The file is found with O_PATH and checked before it is opened for reading through /proc (the same
// inode), so a FIFO or device swapped in after the check above is refused, never opened (that could block).
bool openRegularFile(const std::string &path, Response &response) {
  int found = ::open(path.c_str(), O_PATH | O_CLOEXEC);
  if (found < 0) return false;
  struct stat info;
  bool regular = ::fstat(found, &info) == 0 && S_ISREG(info.st_mode);
  int fd = regular ? ::open(("/proc/self/fd/" + std::to_string(found)).c_str(), O_RDONLY | O_CLOEXEC) : -1;
  ::close(found);
  if (fd < 0) return false;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return false;
  }
  if (info.st_size > kStreamAbove) {
    response.fd = fd;
    response.size = info.st_size;
    return true;
  }
  readAndClose(fd, static_cast<size_t>(info.st_size), response.body);
  return true;
}

// The whole of a regular file, opened as openRegularFile does: a FIFO or device under the name is refused, never
// opened, so a request for it cannot hold a serving thread waiting for a writer that never comes.
bool readRegularFile(const std::string &path, std::string &out) {
  Response file;
  if (!openRegularFile(path, file)) return false;
  if (file.fd < 0) return out = std::move(file.body), true;
  readAndClose(file.fd, static_cast<size_t>(file.size), out);
  return true;
}

// Resolves a request path inside the resources directory. The decoded path is normalised segment by segment
// and any `..` (also as `%2e%2e`) is refused. Symlinks placed in the app by its build (socket/ may be one) are
// the developer's choice and are followed.
bool resolveInside(const std::string &root, const std::string &requestPath, std::string &out) {
  gchar *decoded = g_uri_unescape_string(requestPath.c_str(), nullptr);
  if (!decoded) return false;
  std::string path = decoded;
  g_free(decoded);
  if (path.find('\0') != std::string::npos) return false;
  std::string normal;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string segment = path.substr(start, end - start);
    if (segment == "..") return false;
    if (!segment.empty() && segment != ".") normal += "/" + segment;
    start = end + 1;
  }
  out = root + normal;
  return true;
}

bool hasDefaultExport(const std::string &source) {
  return source.find("export default") != std::string::npos || source.find(" as default") != std::string::npos;
}

// On the pool: `resources` and `origin` are the app's, copied on the main thread.
Response moduleProxy(const std::string &resources, const std::string &origin, const std::string &name) {
  if (name.empty() || name.find("..") != std::string::npos || name.find("//") != std::string::npos)
    return error(404, "no such module: " + name);
  // `socket:fs` is socket/fs.js, or a folder module socket/fs/index.js.
  for (const std::string &relative : {"/socket/" + name + ".js", "/socket/" + name + "/index.js"}) {
    std::string source;
    if (!readRegularFile(resources + relative, source)) continue;
    std::string url = origin + relative;
    Response response;
    response.type = "text/javascript; charset=utf-8";
    response.body = "export * from '" + url + "'\n";
    if (hasDefaultExport(source)) response.body += "export { default } from '" + url + "'\n";
    return response;
  }
  // Printed here too: a failed static import leaves the page blank and WebKit does not say which module.
  std::fprintf(stderr, "socket:%s: no such module (the socket: modules are listed in docs/modules.md)\n", name.c_str());
  return error(404, "no such module: socket:" + name);
}

void proxyOffMain(App &app, WebKitURISchemeRequest *request, const std::string &name) {
  answerOffMain(app, request, [resources = app.options().resources, origin = app.origin(), name] {
    return moduleProxy(resources, origin, name);
  });
}

void onSocketRequest(WebKitURISchemeRequest *request, gpointer data) {
  App &app = *static_cast<App *>(data);
  const char *uri = webkit_uri_scheme_request_get_uri(request);
  if (startupTraceEnabled()) tracePhase(std::string("request ") + uri);
  GUri *parsed = g_uri_parse(uri, G_URI_FLAGS_ENCODED, nullptr);
  if (!parsed) return finish(app, request, error(400, "bad URI"));
  std::string host = g_uri_get_host(parsed) ? g_uri_get_host(parsed) : "";
  std::string path = g_uri_get_path(parsed) ? g_uri_get_path(parsed) : "";
  g_uri_unref(parsed);
  std::string scheme = webkit_uri_scheme_request_get_scheme(request);

  if (scheme == "node") {
    for (const char *allowed : kNodeModules)
      if (path == allowed) return proxyOffMain(app, request, path);
    return finish(app, request, error(404, "node:" + path + " is not a module this runtime provides"));
  }
  if (host.empty()) return proxyOffMain(app, request, path);  // socket:fs/promises
  if (host != app.bundleId()) return finish(app, request, error(404, "unknown origin: " + host));

  if (app.serviceWorkers().serveContainerPage(request, path)) return;
  if (app.serviceWorkers().intercept(request, path)) return;
  serveAppFile(app, request, path);
}
}  // namespace

std::string appCsp(const App &app) {
  std::string csp = app.config().get("webview_csp");
  return csp.empty() ? defaultCsp(app.config()) : csp;
}

namespace {
// Narrows `response` (a whole regular file, open or read) to the part `rangeHeader` asks for: 206 with that part,
// or 416 when it starts past the end. On the pool: a streamed file is seeked, never read.
void applyRange(Response &response, const std::string &rangeHeader) {
  response.ranges = true;
  off_t size = response.fd >= 0 ? response.size : static_cast<off_t>(response.body.size());
  ByteRange range = parseByteRange(rangeHeader, size);
  if (range.kind == ByteRange::Whole) return;
  if (range.kind == ByteRange::Part && response.fd >= 0 && ::lseek(response.fd, range.start, SEEK_SET) != range.start)
    range.kind = ByteRange::Unsatisfiable;  // cannot happen on a regular file within its size; refuse rather than send the wrong bytes
  if (range.kind == ByteRange::Unsatisfiable) {
    if (response.fd >= 0) ::close(response.fd);
    response.fd = -1;
    response.status = 416;
    response.body = "range not satisfiable: the file has " + std::to_string(size) + " bytes";
    response.type = "text/plain; charset=utf-8";
    response.csp = false;
    response.contentRange = contentRange(range, size);
    return;
  }
  response.status = 206;
  response.contentRange = contentRange(range, size);
  if (response.fd >= 0) response.size = range.length;
  else response.body = response.body.substr(static_cast<size_t>(range.start), static_cast<size_t>(range.length));
}

// On the pool: `resources` and `defaultIndex` are the app's, copied on the main thread; `rangeHeader` the
// request's Range (If-Range present: empty, as no validator is ever sent to match it).
Response appFile(const std::string &resources, const std::string &defaultIndex, const std::string &path,
                 const std::string &rangeHeader) {
  std::string file;
  if (!resolveInside(resources, path, file)) return error(403, "path escapes the app");
  if (isDirectory(file)) file += "/index.html";
  bool found = isRegularFile(file);
  if (!found && path.find('.') == std::string::npos && isRegularFile(file + ".html")) {
    file += ".html";
    found = true;
  }
  if (!found) {
    // Single-page apps: an unknown path without an extension falls back to the root index.
    std::string index = resources + "/" + defaultIndex;
    auto slash = path.rfind('/');
    if (path.find('.', slash == std::string::npos ? 0 : slash) != std::string::npos || !isRegularFile(index))
      return error(404, "not found: " + path);
    file = index;
  }
  Response response;
  if (!openRegularFile(file, response)) return error(404, "cannot read: " + path);
  response.type = mimeTypeFor(file);
  response.csp = response.type.rfind("text/html", 0) == 0;
  applyRange(response, rangeHeader);
  return response;
}

// The Range header, unless an If-Range comes with it: socket:// sends no ETag or Last-Modified, so no If-Range
// can match, and the RFC then asks for the whole file.
std::string rangeOf(WebKitURISchemeRequest *request) {
  SoupMessageHeaders *headers = webkit_uri_scheme_request_get_http_headers(request);
  const char *range = headers ? soup_message_headers_get_one(headers, "Range") : nullptr;
  if (!range || soup_message_headers_get_one(headers, "If-Range")) return "";
  return range;
}
}  // namespace

void serveAppFile(App &app, WebKitURISchemeRequest *request, const std::string &path) {
  answerOffMain(app, request, [resources = app.options().resources,
                               defaultIndex = app.config().get("webview_default_index", "index.html"), path,
                               range = rangeOf(request)] {
    return appFile(resources, defaultIndex, path, range);
  });
}

void registerAppSchemes(App &app) {
  WebKitWebContext *context = app.context();
  WebKitSecurityManager *security = webkit_web_context_get_security_manager(context);
  for (const char *scheme : {"socket", "node"}) {
    webkit_web_context_register_uri_scheme(context, scheme, onSocketRequest, &app, nullptr);
    webkit_security_manager_register_uri_scheme_as_secure(security, scheme);
    webkit_security_manager_register_uri_scheme_as_cors_enabled(security, scheme);
  }
}

}  // namespace host
