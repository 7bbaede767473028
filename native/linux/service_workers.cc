#include "linux/service_workers.hh"

#include <cstdio>
#include <cstring>

#include "linux/app.hh"
#include "linux/protocol_handlers.hh"
#include "linux/schemes.hh"
#include "linux/services.hh"
#include "linux/window.hh"

namespace host {

using namespace api::service_worker;

namespace {
constexpr unsigned kDefaultTimeoutMs = 30000;

struct FetchTimer {
  ServiceWorkers *self;
  uint32_t id;
};

// `url` as a path on the app's origin (`/sw.js`, or `socket://<bundle-id>/sw.js`): no other origin or scheme,
// no `..` segment (also percent-encoded), no query, fragment, backslash or NUL.
bool appPath(const App &app, const std::string &url, std::string &path, std::string &why) {
  std::string prefix = app.origin() + "/";
  if (url.compare(0, prefix.size(), prefix) == 0) path = url.substr(prefix.size() - 1);
  else if (!url.empty() && url[0] == '/' && url.compare(0, 2, "//") != 0) path = url;
  else {
    why = "'" + url + "' is not on the app's origin (" + app.origin() + ")";
    return false;
  }
  if (path.find_first_of("?#\\") != std::string::npos) {
    why = "'" + url + "' has a query, fragment or backslash";
    return false;
  }
  gchar *decoded = g_uri_unescape_string(path.c_str(), nullptr);
  std::string plain = decoded ? decoded : "";
  g_free(decoded);
  if (plain.empty() || plain.find('\0') != std::string::npos || (plain + "/").find("/../") != std::string::npos) {
    why = "'" + url + "' leaves the app's folder";
    return false;
  }
  return true;
}

bool validState(const std::string &state) {
  for (const char *known : {"installing", "installed", "activating", "activated", "redundant"})
    if (state == known) return true;
  return false;
}

std::string headersJson(WebKitURISchemeRequest *request) {
  ipc::Json list = ipc::Json::array();
  SoupMessageHeaders *headers = webkit_uri_scheme_request_get_http_headers(request);
  if (headers) {
    SoupMessageHeadersIter iter;
    soup_message_headers_iter_init(&iter, headers);
    const char *name, *value;
    while (soup_message_headers_iter_next(&iter, &name, &value)) {
      ipc::Json pair = ipc::Json::array();
      pair.push(name);
      pair.push(value);
      list.push(pair);
    }
  }
  return list.stringify();
}

const char *header(WebKitURISchemeRequest *request, const char *name) {
  SoupMessageHeaders *headers = webkit_uri_scheme_request_get_http_headers(request);
  return headers ? soup_message_headers_get_one(headers, name) : nullptr;
}

void finishWith(WebKitURISchemeRequest *request, int status, const std::string &type, std::vector<uint8_t> body,
                const std::vector<std::pair<std::string, std::string>> &extra) {
  gsize size = body.size();
  auto *owned = new std::vector<uint8_t>(std::move(body));
  GBytes *bytes = g_bytes_new_with_free_func(owned->data(), size, [](gpointer data) {
    delete static_cast<std::vector<uint8_t> *>(data);
  }, owned);
  GInputStream *stream = g_memory_input_stream_new_from_bytes(bytes);
  g_bytes_unref(bytes);
  WebKitURISchemeResponse *reply = webkit_uri_scheme_response_new(stream, size);
  webkit_uri_scheme_response_set_status(reply, status, nullptr);
  webkit_uri_scheme_response_set_content_type(reply, type.c_str());
  SoupMessageHeaders *headers = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
  for (auto &[name, value] : extra) soup_message_headers_append(headers, name.c_str(), value.c_str());
  soup_message_headers_replace(headers, "Content-Type", type.c_str());
  webkit_uri_scheme_response_set_http_headers(reply, headers);
  webkit_uri_scheme_request_finish_with_response(request, reply);
  g_object_unref(reply);
  g_object_unref(stream);
}

// `origin`: the app's origin, for a protocol handler's answer (another scheme, so the page needs the CORS grant).
void finishText(WebKitURISchemeRequest *request, int status, const std::string &text, const std::string &origin = "") {
  std::vector<std::pair<std::string, std::string>> extra = {{"Cache-Control", "no-store"}};
  if (!origin.empty()) extra.emplace_back("Access-Control-Allow-Origin", origin);
  finishWith(request, status, "text/plain; charset=utf-8", std::vector<uint8_t>(text.begin(), text.end()), extra);
}
// The request's body for the worker; false after answering 413 when it cannot be read or is too large.
bool readBodyOrRefuse(WebKitURISchemeRequest *request, std::vector<uint8_t> &body) {
  std::string why;
  if (readRequestBody(request, body, why)) return true;
  finishText(request, 413, "service worker fetch: " + why);
  return false;
}
}  // namespace

ServiceWorkers::ServiceWorkers(App &app) : app_(app) {
  long configured = std::atol(app.config().get("webview_service_worker_fetch_timeout", "").c_str());
  timeoutMs_ = configured > 0 ? static_cast<unsigned>(configured) : kDefaultTimeoutMs;
  // `[webview.service-workers] /scope/ = /script.js` and protocol handlers with a script: registered before any
  // page loads, so a page's first request to a protocol handler's scheme waits for its worker.
  registerConfigured();
}

ServiceWorkers::~ServiceWorkers() {
  while (!pending_.empty()) finishPending(pending_.begin()->first, 503, "the app is closing", false);
  container_.reset();
}

void ServiceWorkers::registerConfigured() {
  if (!app_.config().flag("permissions_allow_service_worker", true)) return;
  const std::string prefix = "webview_service-workers_";
  for (const auto &[key, value] : app_.config().values()) {
    if (key.compare(0, prefix.size(), prefix) != 0) continue;
    Info info;
    ipc::Error error;
    if (!registerWorker(value, key.substr(prefix.size()), "classic", "", info, error))
      std::fprintf(stderr, "socket-host: [webview.service-workers] %s: %s\n", key.substr(prefix.size()).c_str(), error.message.c_str());
  }
  for (const auto &[scheme, script] : protocolHandlerSchemes(app_.config())) {
    Info info;
    ipc::Error error;
    if (!script.empty() && !registerWorker(script, "", "classic", scheme, info, error))
      std::fprintf(stderr, "socket-host: [webview.protocol-handlers] %s: %s\n", scheme.c_str(), error.message.c_str());
  }
}

void ServiceWorkers::ensureContainer() {
  if (container_) return;
  WindowOptions options;
  options.index = App::kMaxWindows;  // outside the app's window indices: no window.* route can name it
  options.headless = true;
  options.title = "service workers";
  options.width = options.height = 16;
  options.url = app_.origin() + kContainerPath;
  container_ = std::make_unique<Window>(app_, options);
}

bool ServiceWorkers::registerWorker(const std::string &scriptURL, const std::string &scope, const std::string &type,
                                    const std::string &scheme, Info &out, ipc::Error &error) {
  std::string script, scopePath, why;
  if (type != "classic" && type != "module") {
    error = ipc::Error::typeError("service worker type must be 'classic' or 'module', not '" + type + "'");
    return false;
  }
  if (!appPath(app_, scriptURL, script, why)) {
    error = ipc::Error::notAllowed("service worker script " + why);
    return false;
  }
  if (script.back() == '/' || !g_file_test((app_.options().resources + script).c_str(), G_FILE_TEST_IS_REGULAR)) {
    error = ipc::Error::notFound("service worker script not found: " + script);
    return false;
  }
  if (!scheme.empty()) {
    if (!protocolHandlerSchemes(app_.config()).count(scheme)) {
      error = ipc::Error::notSupported("protocol handler scheme '" + scheme + "' is not listed in socket.ini ([webview.protocol-handlers] "
                                       "or [webview] protocol-handlers): the host can register schemes with WebKit only at start");
      return false;
    }
    scopePath = scheme + ":";  // never a path, so never matched by intercept()
  } else if (scope.empty()) scopePath = script.substr(0, script.rfind('/') + 1);
  else if (!appPath(app_, scope, scopePath, why)) {
    error = ipc::Error::notAllowed("service worker scope " + why);
    return false;
  }
  for (auto &registration : registrations_) {
    if (registration.scopePath != scopePath) continue;
    if (registration.info.scriptURL == app_.origin() + script && registration.info.type == type &&
        registration.info.state != "redundant") {
      out = registration.info;
      return true;
    }
    ipc::Error ignored;
    bool found = false;
    unregister(scopePath, ignored, found);  // a new script for the scope replaces the old worker
    break;
  }
  Registration registration;
  registration.scopePath = scopePath;
  registration.info.id = nextId_++;
  registration.info.scope = scheme.empty() ? app_.origin() + scopePath : scopePath;
  registration.info.scheme = scheme;
  registration.info.scriptURL = app_.origin() + script;
  registration.info.type = type;
  registration.info.state = "installing";
  registrations_.push_back(registration);
  out = registration.info;
  ensureContainer();
  if (attached_) emitRegistered(*container_->services().events(), out);
  return true;
}

bool ServiceWorkers::unregister(const std::string &scope, ipc::Error &error, bool &found) {
  std::string scopePath = scope, why;
  found = false;
  bool isScheme = !scope.empty() && scope.back() == ':' && protocolHandlerSchemes(app_.config()).count(scope.substr(0, scope.size() - 1));
  if (!isScheme && !appPath(app_, scope, scopePath, why)) {
    error = ipc::Error::notAllowed("service worker scope " + why);
    return false;
  }
  for (auto it = registrations_.begin(); it != registrations_.end(); ++it) {
    if (it->scopePath != scopePath) continue;
    Info info = it->info;
    info.state = "redundant";
    registrations_.erase(it);
    found = true;
    // Requests it had not answered yet get the file, as new ones now do.
    std::vector<uint32_t> waiting;
    for (auto &[id, pending] : pending_)
      if (pending.registration == info.id) waiting.push_back(id);
    for (uint32_t id : waiting) finishPending(id, 404, "the protocol handler was unregistered", true);
    if (container_ && attached_) emitUnregistered(*container_->services().events(), info);
    broadcastState(info);
    break;
  }
  return true;
}

std::vector<ServiceWorkers::Info> ServiceWorkers::registrations() const {
  std::vector<Info> out;
  for (auto &registration : registrations_) out.push_back(registration.info);
  return out;
}

bool ServiceWorkers::postMessage(uint32_t id, const std::string &data, ipc::Error &error) {
  for (auto &registration : registrations_) {
    if (registration.info.id != id) continue;
    if (container_ && attached_) emitMessageReceived(*container_->services().events(), ServiceWorkerMessage{id, data});
    return true;
  }
  error = ipc::Error::notFound("no service worker registration " + std::to_string(id));
  return false;
}

std::vector<ServiceWorkers::Info> ServiceWorkers::attach() {
  attached_ = true;
  return registrations();
}

bool ServiceWorkers::updateState(uint32_t id, const std::string &state, const std::string &why, ipc::Error &error) {
  if (!validState(state)) {
    error = ipc::Error::typeError("unknown service worker state '" + state + "'");
    return false;
  }
  for (auto &registration : registrations_) {
    if (registration.info.id != id) continue;
    registration.info.state = state;
    registration.info.error = why;
    if (state == "redundant" && !why.empty())
      std::fprintf(stderr, "socket-host: service worker %s failed: %s\n", registration.info.scriptURL.c_str(), why.c_str());
    broadcastState(registration.info);
    // Protocol handler requests that came before activation go now (or fail with the worker).
    std::vector<uint32_t> waiting;
    for (auto &[fetchId, pending] : pending_)
      if (pending.registration == id && !pending.sent) waiting.push_back(fetchId);
    for (uint32_t fetchId : waiting) {
      if (state == "activated") send(fetchId, std::move(unsentBodies_[fetchId]));
      else if (state == "redundant") finishPending(fetchId, 503, "the protocol handler's service worker failed: " + why, false);
    }
    return true;
  }
  error = ipc::Error::notFound("no service worker registration " + std::to_string(id));
  return false;
}

void ServiceWorkers::broadcastState(const Info &info) {
  for (Window *window : app_.windows()) emitStateChanged(*window->services().events(), info);
}

bool ServiceWorkers::serveContainerPage(WebKitURISchemeRequest *request, const std::string &path) {
  if (!container_ || webkit_uri_scheme_request_get_web_view(request) != container_->view()) return false;
  if (path == kContainerPath) {
    std::string html =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>service workers</title>"
      "<script type=\"module\">import 'socket:service-worker'</script></head><body></body></html>\n";
    finishWith(request, 200, "text/html; charset=utf-8", std::vector<uint8_t>(html.begin(), html.end()),
               {{"Cache-Control", "no-store"}, {"Content-Security-Policy", appCsp(app_)}});
    return true;
  }
  // A worker's own URL (its script's, so relative URLs resolve as for the script): the scope emulation first,
  // which then loads the script itself.
  GUri *uri = g_uri_parse(webkit_uri_scheme_request_get_uri(request), G_URI_FLAGS_ENCODED, nullptr);
  bool worker = uri && g_strcmp0(g_uri_get_query(uri), "socket-service-worker") == 0;
  if (uri) g_uri_unref(uri);
  if (!worker) return false;
  for (auto &registration : registrations_) {
    if (registration.info.scriptURL != app_.origin() + path) continue;
    std::string script = "importScripts('/socket/service-worker/scope.js')\n";
    finishWith(request, 200, "text/javascript; charset=utf-8", std::vector<uint8_t>(script.begin(), script.end()), {{"Cache-Control", "no-store"}});
    return true;
  }
  return false;
}

// The container loads the workers' own scripts and their fetches from the files; only the app's windows are
// served by workers, and never a request that says it comes from another origin.
bool ServiceWorkers::fromAppFrame(WebKitURISchemeRequest *request) const {
  WebKitWebView *view = webkit_uri_scheme_request_get_web_view(request);
  if (!container_ || view == container_->view() || !app_.windowForView(view)) return false;
  const char *origin = header(request, "Origin");
  const char *referer = header(request, "Referer");
  return !(origin && !app_.trustedOrigin(origin)) && !(referer && !app_.trustedUrl(referer));
}

bool ServiceWorkers::intercept(WebKitURISchemeRequest *request, const std::string &path) {
  if (registrations_.empty() || !fromAppFrame(request)) return false;
  const Registration *match = nullptr;
  for (auto &registration : registrations_) {
    if (!registration.info.scheme.empty() || registration.info.state != "activated" ||
        path.compare(0, registration.scopePath.size(), registration.scopePath) != 0) continue;
    if (!match || registration.scopePath.size() > match->scopePath.size()) match = &registration;
  }
  if (!match) return false;
  std::vector<uint8_t> body;
  if (readBodyOrRefuse(request, body)) send(hold(request, path, match->info.id), std::move(body));
  return true;
}

bool ServiceWorkers::interceptScheme(WebKitURISchemeRequest *request, const std::string &scheme) {
  if (!fromAppFrame(request)) return false;
  const Registration *match = nullptr;
  for (auto &registration : registrations_)
    if (registration.info.scheme == scheme && registration.info.state != "redundant") match = &registration;
  if (!match) return false;
  std::vector<uint8_t> body;
  if (!readBodyOrRefuse(request, body)) return true;
  uint32_t id = hold(request, "", match->info.id);
  if (match->info.state == "activated") send(id, std::move(body));
  else unsentBodies_[id] = std::move(body);  // sent on activation (updateState)
  return true;
}

// Keeps the request (and a timeout for it) until the worker answers.
uint32_t ServiceWorkers::hold(WebKitURISchemeRequest *request, const std::string &path, uint32_t registration) {
  uint32_t id = nextFetch_++;
  Pending pending;
  pending.request = WEBKIT_URI_SCHEME_REQUEST(g_object_ref(request));
  pending.path = path;
  pending.registration = registration;
  if (const char *origin = header(request, "Origin"); origin && app_.trustedOrigin(origin)) pending.origin = origin;
  pending.timer = g_timeout_add_full(G_PRIORITY_DEFAULT, timeoutMs_, onTimeout, new FetchTimer{this, id},
                                     [](gpointer data) { delete static_cast<FetchTimer *>(data); });
  pending_[id] = pending;
  return id;
}

void ServiceWorkers::send(uint32_t fetchId, std::vector<uint8_t> body) {
  unsentBodies_.erase(fetchId);
  auto found = pending_.find(fetchId);
  if (found == pending_.end() || !container_) return;
  found->second.sent = true;
  WebKitURISchemeRequest *request = found->second.request;
  const char *method = webkit_uri_scheme_request_get_http_method(request);
  ServiceWorkerFetch detail{fetchId, found->second.registration, method ? method : "GET", webkit_uri_scheme_request_get_uri(request), headersJson(request)};
  emitFetchRequested(*container_->services().events(), detail, std::move(body));
}

gboolean ServiceWorkers::onTimeout(gpointer data) {
  auto *timer = static_cast<FetchTimer *>(data);
  auto found = timer->self->pending_.find(timer->id);
  if (found != timer->self->pending_.end()) {
    found->second.timer = 0;  // this source ends by returning G_SOURCE_REMOVE
    timer->self->finishPending(timer->id, 504, "the service worker did not answer within " +
                               std::to_string(timer->self->timeoutMs_) + " ms ([webview] service_worker_fetch_timeout)", false);
  }
  return G_SOURCE_REMOVE;
}

void ServiceWorkers::finishPending(uint32_t fetchId, int status, const std::string &text, bool fallback) {
  auto found = pending_.find(fetchId);
  if (found == pending_.end()) return;
  Pending pending = found->second;
  pending_.erase(found);
  unsentBodies_.erase(fetchId);
  if (pending.timer) g_source_remove(pending.timer);
  if (fallback && !pending.path.empty()) serveAppFile(app_, pending.request, pending.path);
  else if (fallback) finishText(pending.request, 404, "the protocol handler's service worker did not answer (no respondWith)", pending.origin);
  else finishText(pending.request, status, text, pending.origin);
  g_object_unref(pending.request);
}

bool ServiceWorkers::respond(const RespondArgs &args, ipc::Error &error) {
  auto found = pending_.find(args.fetchId);
  if (found == pending_.end()) {
    error = ipc::Error::notFound("no service worker fetch " + std::to_string(args.fetchId) + " is waiting (answered, timed out or cancelled)");
    return false;
  }
  if (args.fallback) {
    finishPending(args.fetchId, 0, "", true);
    return true;
  }
  if (!args.error.empty()) {
    std::string script;
    for (auto &registration : registrations_)
      if (registration.info.id == found->second.registration) script = registration.info.scriptURL;
    std::fprintf(stderr, "socket-host: service worker %s failed on %s: %s\n", script.c_str(), found->second.path.c_str(), args.error.c_str());
    finishPending(args.fetchId, 500, "service worker " + script + " failed: " + args.error, false);
    return true;
  }
  std::string why;
  auto headers = ipc::Json::parse(args.headers, &why);
  if (!headers || !headers->isArray()) {
    error = ipc::Error::typeError("respond: headers must be JSON [[name, value], …]" + (why.empty() ? "" : ": " + why));
    finishPending(args.fetchId, 500, "service worker answered with malformed headers", false);
    return false;
  }
  if (args.status < 200 || args.status > 599) {
    finishPending(args.fetchId, 500, "service worker answered with status " + std::to_string(args.status), false);
    return true;
  }
  std::vector<std::pair<std::string, std::string>> extra;
  std::string type = "application/octet-stream";
  bool csp = false;
  for (const ipc::Json &pair : headers->asArray()) {
    if (!pair.isArray() || pair.asArray().size() != 2 || !pair.asArray()[0].isString() || !pair.asArray()[1].isString()) continue;
    std::string name = pair.asArray()[0].asString(), value = pair.asArray()[1].asString();
    if (name.find_first_of("\r\n") != std::string::npos || value.find_first_of("\r\n") != std::string::npos) continue;
    if (g_ascii_strcasecmp(name.c_str(), "content-type") == 0) type = value;
    else extra.emplace_back(name, value);
    if (g_ascii_strcasecmp(name.c_str(), "content-security-policy") == 0) csp = true;
  }
  if (!found->second.origin.empty()) extra.emplace_back("Access-Control-Allow-Origin", found->second.origin);
  // A page a worker makes gets the app's CSP unless the worker set its own.
  if (!csp && type.rfind("text/html", 0) == 0) extra.emplace_back("Content-Security-Policy", appCsp(app_));
  Pending pending = found->second;
  pending_.erase(found);
  if (pending.timer) g_source_remove(pending.timer);
  finishWith(pending.request, args.status, type, args.body, extra);
  g_object_unref(pending.request);
  return true;
}

}  // namespace host
