#include "linux/conduit_server.hh"

#include <cstdio>
#include <memory>

#include "linux/app.hh"
#include "linux/conduit_frame.hh"
#include "linux/page_dispatch.hh"
#include "linux/random_hex.hh"
#include "linux/window.hh"
#include "linux/worker_pool.hh"

namespace host {

namespace {

// One accepted connection; freed when it closes.
struct Client {
  App *app;
  int index;
  SoupWebsocketConnection *connection;  // referenced until closed
};

void sendFrame(SoupWebsocketConnection *connection, const ConduitFrame &frame) {
  std::vector<uint8_t> bytes;
  if (!encodeConduitFrame(frame, bytes)) return;
  if (soup_websocket_connection_get_state(connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_binary(connection, bytes.data(), bytes.size());
}

void onMessage(SoupWebsocketConnection *connection, gint type, GBytes *bytes, gpointer data) {
  auto *client = static_cast<Client *>(data);
  gsize size = 0;
  const auto *raw = static_cast<const uint8_t *>(g_bytes_get_data(bytes, &size));
  auto frame = type == SOUP_WEBSOCKET_DATA_BINARY ? decodeConduitFrame(raw, size) : std::nullopt;
  Window *window = client->app->window(client->index);
  if (!frame || window == nullptr) {
    soup_websocket_connection_close(connection, SOUP_WEBSOCKET_CLOSE_BAD_DATA, window == nullptr ? "window closed" : "malformed conduit frame");
    return;
  }
  ipc::Message message;
  message.index = client->index;
  for (auto &[key, value] : frame->options) {
    if (key == "route") message.route = value;
    else if (key == "seq") message.seq = value;
    else message.params[key] = value;
  }
  message.body = std::move(frame->payload);
  if (message.route.empty()) {
    soup_websocket_connection_close(connection, SOUP_WEBSOCKET_CLOSE_BAD_DATA, "conduit frame without a route");
    return;
  }
  g_object_ref(connection);
  std::string route = message.route, seq = message.seq;
  dispatchFromPage(*window, message, [connection, route, seq](ipc::Response response) {
    runOnMainThread([connection, route, seq, response = std::move(response)]() mutable {
      ConduitFrame reply;
      reply.options = {{"route", route}, {"seq", seq}, {"status", std::to_string(response.status)}, {"content-type", response.contentType}};
      if (response.body.size() > 0xffff) {
        std::string error = "{\"source\":\"" + route + "\",\"err\":{\"type\":\"RangeError\",\"message\":\"" + route +
                            ": the reply (" + std::to_string(response.body.size()) + " bytes) does not fit a conduit frame (65535); use ipc://\"}}";
        reply.options[2].second = "200";
        reply.options[3].second = "application/json";
        reply.payload.assign(error.begin(), error.end());
      } else {
        reply.payload = std::move(response.body);
      }
      sendFrame(connection, reply);
      g_object_unref(connection);
    });
  });
}

void onClosed(SoupWebsocketConnection *connection, gpointer data) {
  auto *client = static_cast<Client *>(data);
  g_signal_handlers_disconnect_by_data(connection, client);
  g_object_unref(client->connection);
  delete client;
}

}  // namespace

ConduitServer &ConduitServer::instance() {
  static ConduitServer server;
  return server;
}

std::string ConduitServer::keyFor(int index) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto &key = keys_[index];
  if (key.empty()) key = randomHex(32);
  return key;
}

bool ConduitServer::keyMatches(int index, const std::string &key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = keys_.find(index);
  if (found == keys_.end() || found->second.size() != key.size()) return false;
  unsigned char difference = 0;  // constant time: the key is a secret
  for (size_t i = 0; i < key.size(); i++) difference |= static_cast<unsigned char>(found->second[i] ^ key[i]);
  return difference == 0;
}

bool ConduitServer::start(App &app, std::string &error) {
  if (server_ != nullptr) return true;
  app_ = &app;
  SoupServer *server = soup_server_new(nullptr, nullptr);
  // libsoup refuses a handshake whose Origin is not the app's (403), before this handler sees it.
  soup_server_add_websocket_handler(server, nullptr, app.origin().c_str(), nullptr, onConnection, this, nullptr);
  GError *failure = nullptr;
  if (!soup_server_listen_local(server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &failure)) {
    error = std::string("conduit: cannot listen on 127.0.0.1: ") + (failure == nullptr ? "unknown error" : failure->message);
    g_clear_error(&failure);
    g_object_unref(server);
    return false;
  }
  GSList *uris = soup_server_get_uris(server);
  port_ = uris == nullptr ? 0 : g_uri_get_port(static_cast<GUri *>(uris->data));
  g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));
  server_ = server;
  return true;
}

void ConduitServer::onConnection(SoupServer *, SoupServerMessage *message, const char *path, SoupWebsocketConnection *connection,
                                 gpointer data) {
  auto *self = static_cast<ConduitServer *>(data);
  // /<window index>/<client id>?key=<the window's key>
  int index = -1;
  char rest[2] = {0};
  unsigned long long clientId = 0;
  bool shaped = path != nullptr && std::sscanf(path, "/%d/%llu%1s", &index, &clientId, rest) == 2;
  std::string key;
  if (const char *query = g_uri_get_query(soup_server_message_get_uri(message))) {
    GHashTable *params = g_uri_parse_params(query, -1, "&", G_URI_PARAMS_NONE, nullptr);
    if (params != nullptr) {
      if (const char *value = static_cast<const char *>(g_hash_table_lookup(params, "key"))) key = value;
      g_hash_table_unref(params);
    }
  }
  if (!shaped || self->app_->window(index) == nullptr || !self->keyMatches(index, key)) {
    self->app_->logRefusal("a conduit connection", "127.0.0.1", "wrong path or key");
    soup_websocket_connection_close(connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "conduit: wrong window or key");
    return;
  }
  soup_websocket_connection_set_max_incoming_payload_size(connection, 1 + 255 * (1 + 255 + 2 + 0xffff) + 2 + 0xffff);
  auto *client = new Client{self->app_, index, connection};
  g_object_ref(connection);
  g_signal_connect(connection, "message", G_CALLBACK(onMessage), client);
  g_signal_connect(connection, "closed", G_CALLBACK(onClosed), client);
}

}  // namespace host
