#include "linux/backend.hh"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ipc/message.hh"
#include "linux/app.hh"
#include "linux/config.hh"
#include "linux/environment.hh"
#include "linux/services.hh"
#include "linux/window.hh"

namespace host {

namespace {
constexpr size_t kMaxLineBytes = 4 * 1024 * 1024;     // a longer stdout line is dropped, not buffered forever
constexpr size_t kMaxStdinQueue = 16 * 1024 * 1024;   // a backend that stops reading gets errors, not our memory
constexpr size_t kReadChunk = 64 * 1024;              // one read per main-loop turn keeps the UI responsive

std::string param(const ipc::Message &message, const char *name, const std::string &fallback = "") {
  const std::string *value = message.param(name);
  return value ? *value : fallback;
}

// A `value` that is JSON stays JSON; anything else becomes a JSON string, so the page always gets valid detail.
std::string asJson(const std::string &value) {
  if (value.empty()) return "null";
  if (ipc::Json::parse(value)) return value;
  return jsonQuote(value);
}
}  // namespace

Backend::Backend(App &app) : app_(app) {
  command_ = app.config().get("linux_cmd");
  if (command_.empty()) return;
  gchar **parsed = nullptr;
  GError *error = nullptr;
  if (!g_shell_parse_argv(command_.c_str(), nullptr, &parsed, &error)) {
    std::fprintf(stderr, "socket-host: [linux] cmd cannot be parsed: %s\n", error->message);
    g_error_free(error);
    command_.clear();
    return;
  }
  for (gchar **arg = parsed; *arg; arg++) argv_.emplace_back(*arg);
  g_strfreev(parsed);
  // The original's extra arguments, then whatever the app was given that is not a host flag.
  argv_.push_back("--ssc-version=v0.1.0");
  argv_.push_back("--version=v" + app.config().get("meta_version", "1.0.0"));
  argv_.push_back("--name=" + app.config().get("build_name", "app"));
  if (app.options().debug) argv_.push_back("--debug=1");
  const auto &given = app.options().argv;
  for (size_t i = 1; i < given.size(); i++) {
    const std::string &arg = given[i];
    bool hostFlag = arg.rfind("--resources=", 0) == 0 || arg.rfind("--test=", 0) == 0 || arg.rfind("--test-timeout=", 0) == 0 ||
                    arg == "--headless" ||
                    arg.rfind("--port=", 0) == 0 || arg.rfind("--host=", 0) == 0 || arg.rfind("--debug", 0) == 0;
    if (!hostFlag) argv_.push_back(arg);
  }
}

Backend::~Backend() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    if (exitWatch_) g_source_remove(exitWatch_);
    g_spawn_close_pid(pid_);
    pid_ = 0;
  }
  closePipes();
}

api::process::BackendInfo Backend::describe() const {
  return api::process::BackendInfo{command_, argv_, app_.options().resources, static_cast<int32_t>(pid_)};
}

bool Backend::open(bool force, std::string &error) {
  if (!configured()) return error = "this app has no [linux] cmd in socket.ini", false;
  if (running() && !force) return true;
  if (running()) kill();
  std::vector<char *> args;
  for (auto &arg : argv_) args.push_back(const_cast<char *>(arg.c_str()));
  args.push_back(nullptr);
  // The host's environment plus what pages set, never a page-set variable that loads code (environment.hh).
  std::vector<std::string> env = app_.environment().forChild();
  std::vector<char *> envp;
  for (auto &entry : env) envp.push_back(const_cast<char *>(entry.c_str()));
  envp.push_back(nullptr);
  int in = -1, out = -1, err = -1;
  GError *failure = nullptr;
  GPid pid = 0;
  if (!g_spawn_async_with_pipes(app_.options().resources.c_str(), args.data(), envp.data(),
                                GSpawnFlags(G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD),
                                // If the host dies without cleaning up, the backend is told to stop too.
                                [](gpointer) { prctl(PR_SET_PDEATHSIG, SIGTERM); }, nullptr,
                                &pid, &in, &out, &err, &failure)) {
    error = std::string("cannot start the backend '") + command_ + "': " + (failure ? failure->message : "?");
    if (failure) g_error_free(failure);
    return false;
  }
  pid_ = pid;
  stdin_ = in;
  fcntl(in, F_SETFL, fcntl(in, F_GETFL) | O_NONBLOCK);
  fcntl(in, F_SETFD, FD_CLOEXEC);
  fcntl(out, F_SETFD, FD_CLOEXEC);
  fcntl(err, F_SETFD, FD_CLOEXEC);
  fcntl(out, F_SETFL, fcntl(out, F_GETFL) | O_NONBLOCK);
  fcntl(err, F_SETFL, fcntl(err, F_GETFL) | O_NONBLOCK);
  out_ = g_io_channel_unix_new(out);
  err_ = g_io_channel_unix_new(err);
  in_ = g_io_channel_unix_new(in);
  for (GIOChannel *channel : {out_, err_, in_}) {
    g_io_channel_set_encoding(channel, nullptr, nullptr);
    g_io_channel_set_buffered(channel, FALSE);
    g_io_channel_set_close_on_unref(channel, TRUE);
  }
  outWatch_ = g_io_add_watch(out_, GIOCondition(G_IO_IN | G_IO_HUP | G_IO_ERR), onStdout, this);
  errWatch_ = g_io_add_watch(err_, GIOCondition(G_IO_IN | G_IO_HUP | G_IO_ERR), onStderr, this);
  exitWatch_ = g_child_watch_add(pid_, onExit, this);
  outBuffer_.clear();
  inQueue_.clear();
  return true;
}

void Backend::kill() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

bool Backend::write(const std::string &line, std::string &error) {
  if (!running() || stdin_ < 0) return error = "the backend is not running", false;
  if (inQueue_.size() + line.size() + 1 > kMaxStdinQueue)
    return error = "the backend is not reading its stdin (queue full)", false;
  inQueue_ += line;
  inQueue_ += '\n';
  if (!inWatch_) inWatch_ = g_io_add_watch(in_, GIOCondition(G_IO_OUT | G_IO_ERR | G_IO_HUP), onStdinWritable, this);
  return true;
}

gboolean Backend::onStdinWritable(GIOChannel *, GIOCondition condition, gpointer data) {
  auto *self = static_cast<Backend *>(data);
  if (condition & (G_IO_ERR | G_IO_HUP)) {
    self->inQueue_.clear();
    self->inWatch_ = 0;
    return G_SOURCE_REMOVE;
  }
  while (!self->inQueue_.empty()) {
    ssize_t wrote = ::write(self->stdin_, self->inQueue_.data(), self->inQueue_.size());
    if (wrote < 0) {
      if (errno == EAGAIN || errno == EINTR) return G_SOURCE_CONTINUE;
      self->inQueue_.clear();  // EPIPE: the backend closed its stdin
      break;
    }
    self->inQueue_.erase(0, wrote);
  }
  self->inWatch_ = 0;
  return G_SOURCE_REMOVE;
}

// Reads one chunk of stdout (the pipe is non-blocking) and handles the complete lines in it.
Backend::ReadResult Backend::readStdout(int fd) {
  char chunk[kReadChunk];
  ssize_t got = ::read(fd, chunk, sizeof chunk);
  if (got < 0) return errno == EAGAIN || errno == EINTR ? ReadResult::Again : ReadResult::End;
  if (got == 0) {
    if (!outBuffer_.empty() && !discardingLongLine_) handleLine(outBuffer_);
    outBuffer_.clear();
    return ReadResult::End;
  }
  size_t start = 0;
  for (ssize_t i = 0; i < got; i++) {
    if (chunk[i] != '\n') continue;
    if (!discardingLongLine_) {
      outBuffer_.append(chunk + start, i - start);
      handleLine(outBuffer_);
    }
    outBuffer_.clear();
    discardingLongLine_ = false;
    start = i + 1;
  }
  if (!discardingLongLine_) outBuffer_.append(chunk + start, got - start);
  if (outBuffer_.size() > kMaxLineBytes) {
    std::fprintf(stderr, "socket-host: backend stdout line longer than %zu bytes dropped\n", kMaxLineBytes);
    outBuffer_.clear();
    discardingLongLine_ = true;
  }
  return ReadResult::Data;
}

gboolean Backend::onStdout(GIOChannel *channel, GIOCondition, gpointer data) {
  auto *self = static_cast<Backend *>(data);
  if (self->readStdout(g_io_channel_unix_get_fd(channel)) != ReadResult::End) return G_SOURCE_CONTINUE;
  self->outWatch_ = 0;
  return G_SOURCE_REMOVE;
}

// Reads one chunk of stderr: printed, and sent to every window as `process-error`. False when nothing came.
bool Backend::readStderr(int fd) {
  char chunk[kReadChunk];
  ssize_t got = ::read(fd, chunk, sizeof chunk);
  if (got <= 0) return false;
  std::string text(chunk, got);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
  broadcast([&](ipc::EventSink &events) { api::process::emitBackendError(events, {text}); });
  return true;
}

gboolean Backend::onStderr(GIOChannel *channel, GIOCondition condition, gpointer data) {
  auto *self = static_cast<Backend *>(data);
  if (self->readStderr(g_io_channel_unix_get_fd(channel)) || !(condition & (G_IO_HUP | G_IO_ERR))) return G_SOURCE_CONTINUE;
  self->errWatch_ = 0;
  return G_SOURCE_REMOVE;
}

void Backend::onExit(GPid pid, gint status, gpointer data) {
  auto *self = static_cast<Backend *>(data);
  g_spawn_close_pid(pid);
  if (self->pid_ != pid) return;
  self->pid_ = 0;
  self->exitWatch_ = 0;
  // Read what is left on stdout (non-blocking) before saying it exited, so the last lines are not lost.
  if (self->out_ && self->outWatch_) {
    int fd = g_io_channel_unix_get_fd(self->out_);
    while (self->readStdout(fd) == ReadResult::Data) {}
  }
  if (self->err_ && self->errWatch_) {
    int fd = g_io_channel_unix_get_fd(self->err_);
    while (self->readStderr(fd)) {}
  }
  self->closePipes();
  // status: the exit code, or null when a signal ended it.
  api::process::BackendExit detail;
  if (WIFEXITED(status)) detail.status = WEXITSTATUS(status);
  self->broadcast([&](ipc::EventSink &events) { api::process::emitBackendExit(events, detail); });
}

void Backend::closePipes() {
  for (guint *watch : {&outWatch_, &errWatch_, &inWatch_})
    if (*watch) { g_source_remove(*watch); *watch = 0; }
  for (GIOChannel **channel : {&out_, &err_, &in_})
    if (*channel) { g_io_channel_unref(*channel); *channel = nullptr; }
  stdin_ = -1;
  inQueue_.clear();
}

void Backend::broadcast(const std::function<void(ipc::EventSink &)> &emit) {
  for (Window *window : app_.windows()) emit(*window->services().events());
}

void Backend::handleLine(const std::string &rawLine) {
  std::string line = rawLine;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return;
  if (line.rfind("ipc://", 0) != 0) {
    // Plain output (a backend that does not speak the protocol) is passed through, not lost.
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
    return;
  }
  std::string why;
  auto message = ipc::Message::parse(line, &why);
  if (!message) {
    std::fprintf(stderr, "socket-host: malformed line from the backend (%s): %.200s\n", why.c_str(), line.c_str());
    return;
  }
  const std::string route = message->route;
  const std::string value = param(*message, "value");
  if (route == "stdout" || route == "stderr") {
    FILE *stream = route == "stdout" ? stdout : stderr;
    std::fprintf(stream, "%s\n", value.c_str());
    std::fflush(stream);
  } else if (route == "send") {
    std::string event = param(*message, "event");
    if (event.empty()) return;
    int index = message->index;
    std::string detail = asJson(value);
    if (index < 0) {
      for (Window *window : app_.windows()) window->emit(event, detail);
    } else if (Window *window = app_.window(index)) window->emit(event, detail);
  } else if (route == "heartbeat" || route == "resolve") {
    int index = message->index < 0 ? 0 : message->index;
    Window *window = app_.window(index);
    if (!window || message->seq.empty()) return;
    std::string detail = route == "heartbeat" ? "{\"data\":\"heartbeat\"}"
                         : param(*message, "state") == "1" ? "{\"err\":" + asJson(value) + "}"
                                                           : "{\"data\":" + asJson(value) + "}";
    window->emit("resolve-" + std::to_string(index) + "-" + message->seq, detail);
  } else if (route == "process.exit") {
    api::process::BackendExit detail;
    char *end = nullptr;
    long code = std::strtol(value.c_str(), &end, 10);
    if (!value.empty() && end && *end == '\0') detail.status = static_cast<int32_t>(code);
    broadcast([&](ipc::EventSink &events) { api::process::emitBackendExitStatus(events, detail); });
  } else {
    std::fprintf(stderr, "socket-host: the backend sent an unknown message '%s'\n", route.c_str());
  }
}

}  // namespace host
