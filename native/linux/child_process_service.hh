// child_process: the generated ChildProcessService on real child processes (g_spawn_async_with_pipes). Pipes
// are read and written on the GTK main loop without blocking; output reaches the page as `data` events and the
// end as `childprocessexit` once the child is reaped and both pipes are drained. Children belong to the window:
// its closing kills them. socket.ini `[permissions] allow_child_process = false` refuses every call.
#pragma once
#include <glib.h>
#include <sys/types.h>

#include <functional>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "generated/cpp/child_process.hh"

namespace host {

class App;

class ChildProcessServiceImpl : public api::child_process::ChildProcessService {
 public:
  explicit ChildProcessServiceImpl(App &app);
  ~ChildProcessServiceImpl() override;

  void spawn(const ipc::Context &, api::child_process::SpawnArgs, ipc::Reply) override;
  void exec(const ipc::Context &, api::child_process::ExecArgs, ipc::Reply) override;
  void kill(const ipc::Context &, api::child_process::KillArgs, ipc::Reply) override;
  void write(const ipc::Context &, api::child_process::WriteArgs, ipc::Reply) override;

 private:
  struct Child {
    ChildProcessServiceImpl *owner = nullptr;
    uint64_t id = 0;
    GPid pid = 0;
    int in = -1, out = -1, err = -1;
    guint outSource = 0, errSource = 0, inSource = 0, exitSource = 0, timeoutSource = 0;
    bool exited = false, endRequested = false;
    int status = 0;
    std::vector<uint8_t> pendingIn;
    std::shared_ptr<ipc::EventSink> events;
    // exec only: output is collected and answered through `reply` instead of emitted.
    bool collect = false;
    std::string stdoutText, stderrText;
    std::unique_ptr<ipc::Reply> reply;
  };

  // Starts `args` off the main thread (fork and exec may wait on the disk), then calls `started` on the main
  // thread with the child; on failure answers `reply` instead.
  void start(uint64_t id, const std::vector<std::string> &args, const std::string &cwd,
             const std::vector<std::string> &env, ipc::Reply reply, std::function<void(Child &)> started);
  Child *find(uint64_t id, ipc::Reply &reply);
  static gboolean onOutput(gint fd, GIOCondition condition, gpointer data);
  static gboolean onStdinWritable(gint fd, GIOCondition condition, gpointer data);
  static gboolean onTimeout(gpointer data);
  static void onExit(GPid pid, gint status, gpointer data);
  static void flushStdin(Child &child);
  // Sends the exit (or the exec answer) once the child is reaped and both pipes are closed, then forgets it.
  void finishIfDone(Child &child);

  App &app_;
  uint64_t nextExecId_ = 1ull << 63;
  std::map<uint64_t, std::unique_ptr<Child>> children_;
  std::set<uint64_t> starting_;  // ids whose spawn runs on the spawner thread
  // Expires with the service: a child started after the window closed is killed and reaped instead.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace host
