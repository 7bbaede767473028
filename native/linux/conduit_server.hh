// The conduit: a WebSocket server on 127.0.0.1 (libsoup, on the GTK main loop) whose binary frames
// (conduit_frame.hh) are IPC requests: option `route` names the route, `seq` is echoed back, the other options
// are its parameters and the payload its body. Each is dispatched through the window's router exactly like an
// ipc:// request (dispatchFromPage), and answered with one frame: options route, seq, status, content-type;
// payload the reply body. A connection must come from the app's origin (checked by libsoup's handshake) to
// /<window index>/<client id>?key=<that window's key>; anything else is closed with 1008.
#pragma once
#include <libsoup/soup.h>

#include <map>
#include <mutex>
#include <string>

namespace host {

class App;

class ConduitServer {
 public:
  static ConduitServer &instance();
  // Starts listening if needed; false with `error` set when it cannot.
  bool start(App &app, std::string &error);
  bool active() const { return server_ != nullptr; }
  unsigned port() const { return port_; }
  // The key for a window's connections (made on first ask).
  std::string keyFor(int index);

 private:
  static void onConnection(SoupServer *, SoupServerMessage *, const char *path, SoupWebsocketConnection *, gpointer self);
  bool keyMatches(int index, const std::string &key);

  App *app_ = nullptr;
  SoupServer *server_ = nullptr;
  unsigned port_ = 0;
  std::mutex mutex_;
  std::map<int, std::string> keys_;
};

}  // namespace host
