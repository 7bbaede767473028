// The backend sub-process ([linux] cmd): started with the app, spoken to with newline-delimited ipc:// URIs on
// its stdin and stdout (reference section 1.7). Its crashes, floods and garbage never take the app down.
#pragma once
#include <glib.h>
#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "generated/cpp/process.hh"

namespace host {

class App;

class Backend {
 public:
  explicit Backend(App &app);
  ~Backend();

  bool configured() const { return !command_.empty(); }
  bool running() const { return pid_ > 0; }
  // Starts the process (restarts it when `force`). Returns false with `error` when it cannot start.
  bool open(bool force, std::string &error);
  // Sends SIGTERM; `backend-exit` follows when it is gone.
  void kill();
  // Queues one line (a newline is added) for its stdin. False when not running or the queue is full.
  bool write(const std::string &line, std::string &error);
  // {cmd, argv, path} as application.backend.open() returns it.
  api::process::BackendInfo describe() const;

 private:
  static gboolean onStdout(GIOChannel *, GIOCondition, gpointer);
  static gboolean onStderr(GIOChannel *, GIOCondition, gpointer);
  static gboolean onStdinWritable(GIOChannel *, GIOCondition, gpointer);
  static void onExit(GPid, gint, gpointer);
  enum class ReadResult { Data, Again, End };
  ReadResult readStdout(int fd);
  bool readStderr(int fd);
  void handleLine(const std::string &line);
  void closePipes();
  // Runs `emit` with the event sink of every open window.
  void broadcast(const std::function<void(ipc::EventSink &)> &emit);

  App &app_;
  std::string command_;
  std::vector<std::string> argv_;
  GPid pid_ = 0;
  int stdin_ = -1;
  GIOChannel *out_ = nullptr, *err_ = nullptr, *in_ = nullptr;
  guint outWatch_ = 0, errWatch_ = 0, inWatch_ = 0, exitWatch_ = 0;
  std::string outBuffer_;
  std::string inQueue_;
  bool discardingLongLine_ = false;
};

}  // namespace host
