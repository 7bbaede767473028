#include "linux/ipc_bridge.hh"

#include <string>
#include <vector>

#include "ipc/ipc.hh"
#include "linux/app.hh"
#include "linux/page_dispatch.hh"
#include "linux/window.hh"
#include "linux/worker_pool.hh"

namespace host {

namespace {
constexpr const char *kHandler = "ipc";

// Runs in the isolated world. `__socket_ipc` carries "<id> <ipc uri>"; the answer goes back as
// `__socket_ipc_reply` with "<id> <reply>", where the reply is the JSON envelope, or "!" and an error text.
// The probe is cancelled so that the page can tell, synchronously, that the bridge is there.
constexpr const char *kBridgeScript = R"JS((() => {
  const handler = window.webkit.messageHandlers.ipc
  const answer = (id, text) => document.dispatchEvent(new CustomEvent('__socket_ipc_reply', { detail: id + ' ' + text }))
  document.addEventListener('__socket_ipc_probe', (event) => event.preventDefault())
  document.addEventListener('__socket_ipc', (event) => {
    const detail = String(event.detail)
    const space = detail.indexOf(' ')
    const id = detail.slice(0, space)
    handler.postMessage(detail.slice(space + 1)).then((reply) => answer(id, reply), (error) => answer(id, '!' + error))
  })
})())JS";

std::string base64(const std::vector<uint8_t> &bytes) {
  gchar *encoded = g_base64_encode(bytes.data(), bytes.size());
  std::string out(encoded);
  g_free(encoded);
  return out;
}

// A binary reply is not expected on this path (the page sends binary calls over ipc://), but it is answered all
// the same: "b" and the bytes in base64.
std::string replyText(const ipc::Response &response) {
  if (response.contentType.rfind("application/octet-stream", 0) == 0) return "b" + base64(response.body);
  return std::string(response.body.begin(), response.body.end());
}

void onCall(WebKitUserContentManager *, JSCValue *value, WebKitScriptMessageReply *reply, gpointer data) {
  auto *window = static_cast<Window *>(data);
  if (!jsc_value_is_string(value)) {
    webkit_script_message_reply_return_error_message(reply, "the ipc bridge takes an ipc:// URI string");
    return;
  }
  gchar *uri = jsc_value_to_string(value);
  std::string why;
  auto message = ipc::Message::parse(uri, &why);
  g_free(uri);
  JSCContext *context = jsc_value_get_context(value);
  g_object_ref(context);
  webkit_script_message_reply_ref(reply);
  // Answers once, on the GTK thread, with a string made in the calling page's context.
  auto sink = [reply, context](ipc::Response response) {
    runOnMainThread([reply, context, response = std::move(response)]() {
      std::string text = replyText(response);
      JSCValue *answer = jsc_value_new_string(context, text.c_str());
      webkit_script_message_reply_return_value(reply, answer);
      g_object_unref(answer);
      webkit_script_message_reply_unref(reply);
      g_object_unref(context);
    });
  };
  if (!message) {
    ipc::Error error = ipc::Error::typeError("malformed ipc:// request: " + why);
    std::string body = ipc::envelope("", "", nullptr, &error);
    return sink({400, "application/json", std::vector<uint8_t>(body.begin(), body.end())});
  }
  dispatchFromPage(*window, *message, sink);
}
}  // namespace

void addIsolatedScript(Window &window, WebKitUserContentManager *content, const char *source) {
  std::vector<std::string> patterns = window.app().framePatterns();
  std::vector<const char *> allow;
  for (auto &pattern : patterns) allow.push_back(pattern.c_str());
  allow.push_back(nullptr);
  WebKitUserScript *script = webkit_user_script_new_for_world(source, WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                                              WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, kIpcWorld,
                                                              allow.data(), nullptr);
  webkit_user_content_manager_add_script(content, script);
  webkit_user_script_unref(script);
}

void installIpcBridge(Window &window, WebKitUserContentManager *content) {
  addIsolatedScript(window, content, kBridgeScript);
  g_signal_connect(content, (std::string("script-message-with-reply-received::") + kHandler).c_str(), G_CALLBACK(onCall), &window);
  webkit_user_content_manager_register_script_message_handler_with_reply(content, kHandler, kIpcWorld);
}

}  // namespace host
