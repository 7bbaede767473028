// The ipc:// scheme: Contract 1 requests from a page, decoded by native/ipc and dispatched through the calling
// window's router. The window is the one whose web view made the request: a page cannot act as another window
// by sending a different `index`. Only the app's own pages are answered: WebKit sends an `Origin` header on
// every fetch and XHR to ipc:// (a cross-origin scheme for every page), `null` from data: frames and sandboxed
// frames, and none at all for <img>, <script>, <link> or a navigation, so a request without the app's exact
// origin is refused before anything is parsed or read.
#include <cstring>

#include "ipc/ipc.hh"
#include "linux/app.hh"
#include "linux/page_dispatch.hh"
#include "linux/schemes.hh"
#include "linux/services.hh"
#include "linux/window.hh"
#include "linux/worker_pool.hh"

namespace host {

namespace {
// Request bodies above this are refused as they stream in (fs.write and udp.send carry their bytes here). The
// JS client refuses larger bodies before sending (runtime-js/ipc/body.ts): WebKit has already copied a body
// into this process by the time the handler runs (it gives no Content-Length), so that is where it is cheap.
constexpr gsize kMaxBodyBytes = 64 * 1024 * 1024;

// The requesting page's origin, or "" when WebKit sent none (subresource loads and navigations).
std::string requestOrigin(WebKitURISchemeRequest *request) {
  SoupMessageHeaders *headers = webkit_uri_scheme_request_get_http_headers(request);
  const char *origin = headers ? soup_message_headers_get_one(headers, "Origin") : nullptr;
  return origin ? origin : "";
}

// Navigations (a form POST, a link, location.href) carry this header; fetch and XHR never do.
bool isNavigation(WebKitURISchemeRequest *request) {
  SoupMessageHeaders *headers = webkit_uri_scheme_request_get_http_headers(request);
  return headers && soup_message_headers_get_one(headers, "Upgrade-Insecure-Requests");
}

void finish(WebKitURISchemeRequest *request, ipc::Response response, const std::string &origin) {
  gsize size = response.body.size();
  // The body moves into the stream without a copy (a 10 MB fs.read would otherwise be copied once more).
  auto *body = new std::vector<uint8_t>(std::move(response.body));
  GBytes *bytes = g_bytes_new_with_free_func(body->data(), size, [](gpointer data) {
    delete static_cast<std::vector<uint8_t> *>(data);
  }, body);
  GInputStream *stream = g_memory_input_stream_new_from_bytes(bytes);
  g_bytes_unref(bytes);
  WebKitURISchemeResponse *reply = webkit_uri_scheme_response_new(stream, size);
  webkit_uri_scheme_response_set_status(reply, response.status, nullptr);
  const char *type = response.contentType.empty() ? "application/json" : response.contentType.c_str();
  webkit_uri_scheme_response_set_content_type(reply, type);
  SoupMessageHeaders *headers = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
  if (!origin.empty()) soup_message_headers_append(headers, "Access-Control-Allow-Origin", origin.c_str());
  soup_message_headers_append(headers, "Vary", "Origin");
  soup_message_headers_append(headers, "Content-Type", type);
  soup_message_headers_append(headers, "Cache-Control", "no-store");
  webkit_uri_scheme_response_set_http_headers(reply, headers);
  webkit_uri_scheme_request_finish_with_response(request, reply);
  g_object_unref(reply);
  g_object_unref(stream);
}

void finishError(WebKitURISchemeRequest *request, const std::string &source, const ipc::Error &error, int status,
                 const std::string &origin) {
  std::string body = ipc::envelope(source, "", nullptr, &error);
  finish(request, {status, "application/json", std::vector<uint8_t>(body.begin(), body.end())}, origin);
}

// Answers CORS preflights: pages at socket://<bundle-id> POST binary bodies to ipc://.
void finishPreflight(WebKitURISchemeRequest *request, const std::string &origin) {
  GInputStream *stream = g_memory_input_stream_new();
  WebKitURISchemeResponse *reply = webkit_uri_scheme_response_new(stream, 0);
  webkit_uri_scheme_response_set_status(reply, 204, nullptr);
  SoupMessageHeaders *headers = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append(headers, "Access-Control-Allow-Origin", origin.c_str());
  soup_message_headers_append(headers, "Vary", "Origin");
  soup_message_headers_append(headers, "Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS");
  soup_message_headers_append(headers, "Access-Control-Allow-Headers", "*");
  soup_message_headers_append(headers, "Access-Control-Max-Age", "86400");
  webkit_uri_scheme_response_set_http_headers(reply, headers);
  webkit_uri_scheme_request_finish_with_response(request, reply);
  g_object_unref(reply);
  g_object_unref(stream);
}

bool readBody(WebKitURISchemeRequest *request, std::vector<uint8_t> &body, std::string &error) {
  GInputStream *stream = webkit_uri_scheme_request_get_http_body(request);
  if (!stream) return true;
  uint8_t chunk[65536];
  while (true) {
    GError *failure = nullptr;
    gssize got = g_input_stream_read(stream, chunk, sizeof chunk, nullptr, &failure);
    if (got < 0) {
      error = failure ? failure->message : "cannot read the request body";
      if (failure) g_error_free(failure);
      g_object_unref(stream);
      return false;
    }
    if (got == 0) break;
    if (body.size() + static_cast<gsize>(got) > kMaxBodyBytes) {
      error = "the request body is larger than " + std::to_string(kMaxBodyBytes) + " bytes";
      g_object_unref(stream);
      return false;
    }
    body.insert(body.end(), chunk, chunk + got);
  }
  g_object_unref(stream);
  return true;
}

void onIpcRequest(WebKitURISchemeRequest *request, gpointer data) {
  App &app = *static_cast<App *>(data);
  const std::string origin = requestOrigin(request);
  if (!app.trustedOrigin(origin) || isNavigation(request)) {
    std::string why = origin.empty() ? "not a fetch or XHR from the app's pages" : "not the app's origin (" + app.origin() + ")";
    if (!origin.empty() && isNavigation(request)) why = "a navigation, not a fetch or XHR";
    app.logRefusal("ipc://", origin, why);
    // No Access-Control-Allow-Origin: a foreign page cannot even read the refusal.
    return finishError(request, "", ipc::Error::notAllowed("ipc:// answers only the app's own pages: " + why), 403, "");
  }
  const char *method = webkit_uri_scheme_request_get_http_method(request);
  if (method && std::strcmp(method, "OPTIONS") == 0) return finishPreflight(request, origin);
  Window *window = app.windowForView(webkit_uri_scheme_request_get_web_view(request));
  const char *uri = webkit_uri_scheme_request_get_uri(request);
  if (!window) return finishError(request, "", ipc::Error::notFound("no window owns this request"), 404, origin);

  std::string why;
  auto message = ipc::Message::parse(uri ? uri : "", &why);
  if (!message) return finishError(request, "", ipc::Error::typeError("malformed ipc:// request: " + why), 400, origin);
  if (!readBody(request, message->body, why)) return finishError(request, message->route, ipc::Error::rangeError(why), 413, origin);

  // The reply may come from a worker thread and after the window is gone; the request keeps itself alive.
  g_object_ref(request);
  dispatchFromPage(*window, *message, [request, origin](ipc::Response response) {
    runOnMainThread([request, origin, response = std::move(response)]() mutable {
      finish(request, std::move(response), origin);
      g_object_unref(request);
    });
  });
}
}  // namespace

bool readRequestBody(WebKitURISchemeRequest *request, std::vector<uint8_t> &body, std::string &error) {
  return readBody(request, body, error);
}

void registerIpcScheme(App &app) {
  WebKitWebContext *context = app.context();
  WebKitSecurityManager *security = webkit_web_context_get_security_manager(context);
  webkit_web_context_register_uri_scheme(context, "ipc", onIpcRequest, &app, nullptr);
  webkit_security_manager_register_uri_scheme_as_secure(security, "ipc");
  webkit_security_manager_register_uri_scheme_as_cors_enabled(security, "ipc");
}

}  // namespace host
