#include "linux/protocol_handlers.hh"

#include <webkit2/webkit2.h>

#include <cstdio>
#include <cstring>
#include <set>

#include "linux/app.hh"
#include "linux/service_workers.hh"

namespace host {

namespace {
const std::set<std::string> kReserved = {
  "socket", "node", "ipc", "http", "https", "file", "data", "blob", "about", "javascript", "ws", "wss", "ftp",
  "mailto", "tel", "sms", "filesystem", "view-source", "resource", "webkit", "urn",
};

bool validScheme(const std::string &scheme) {
  if (scheme.empty() || scheme.size() > 64 || !g_ascii_islower(scheme[0])) return false;
  for (char c : scheme)
    if (!(g_ascii_islower(c) || g_ascii_isdigit(c) || c == '+' || c == '.' || c == '-')) return false;
  return !kReserved.count(scheme);
}

void onProtocolRequest(WebKitURISchemeRequest *request, gpointer data) {
  App &app = *static_cast<App *>(data);
  std::string scheme = webkit_uri_scheme_request_get_scheme(request);
  if (app.serviceWorkers().interceptScheme(request, scheme)) return;
  std::string text = "no service worker handles " + scheme + ": for this page";
  GInputStream *stream = g_memory_input_stream_new_from_data(g_strdup(text.c_str()), text.size(), g_free);
  WebKitURISchemeResponse *reply = webkit_uri_scheme_response_new(stream, text.size());
  webkit_uri_scheme_response_set_status(reply, 404, nullptr);
  webkit_uri_scheme_response_set_content_type(reply, "text/plain; charset=utf-8");
  // The app's pages may read the refusal (the scheme is another origin for them); nobody else may.
  SoupMessageHeaders *requestHeaders = webkit_uri_scheme_request_get_http_headers(request);
  const char *origin = requestHeaders ? soup_message_headers_get_one(requestHeaders, "Origin") : nullptr;
  if (origin && app.trustedOrigin(origin)) {
    SoupMessageHeaders *headers = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
    soup_message_headers_append(headers, "Access-Control-Allow-Origin", origin);
    webkit_uri_scheme_response_set_http_headers(reply, headers);
  }
  webkit_uri_scheme_request_finish_with_response(request, reply);
  g_object_unref(reply);
  g_object_unref(stream);
}
}  // namespace

std::map<std::string, std::string> protocolHandlerSchemes(const Config &config, bool report) {
  std::map<std::string, std::string> schemes;
  const std::string list = "webview_protocol-handlers", prefix = list + "_";
  auto add = [&](std::string scheme, const std::string &script) {
    if (!scheme.empty() && scheme.back() == ':') scheme.pop_back();
    if (validScheme(scheme)) schemes[scheme] = script;
    else if (report) std::fprintf(stderr, "socket-host: [webview.protocol-handlers] '%s' is not a scheme this runtime can register (lower-case letters, digits, + . -; not socket, ipc, http, …)\n", scheme.c_str());
  };
  gchar **names = g_strsplit_set(config.get(list).c_str(), " ,", -1);
  for (gchar **name = names; *name; name++)
    if (**name) add(*name, "");
  g_strfreev(names);
  for (const auto &[key, value] : config.values())
    if (key.compare(0, prefix.size(), prefix) == 0) add(key.substr(prefix.size()), value);
  return schemes;
}

void registerProtocolSchemes(App &app) {
  WebKitWebContext *context = app.context();
  WebKitSecurityManager *security = webkit_web_context_get_security_manager(context);
  for (const auto &[scheme, script] : protocolHandlerSchemes(app.config(), true)) {
    webkit_web_context_register_uri_scheme(context, scheme.c_str(), onProtocolRequest, &app, nullptr);
    webkit_security_manager_register_uri_scheme_as_secure(security, scheme.c_str());
    webkit_security_manager_register_uri_scheme_as_cors_enabled(security, scheme.c_str());
  }
}

std::string protocolHandlerSources(const Config &config) {
  std::string sources;
  for (const auto &[scheme, script] : protocolHandlerSchemes(config)) sources += " " + scheme + ":";
  return sources;
}

}  // namespace host
