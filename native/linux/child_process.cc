#include <glib-unix.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "linux/app.hh"
#include "linux/child_process_service.hh"
#include "linux/config.hh"
#include "linux/environment.hh"
#include "linux/worker_pool.hh"

namespace host {

using namespace api::child_process;

namespace {
constexpr size_t kReadChunk = 65536;
// exec collects stdout and stderr in memory: past this (each), the child is stopped and the call fails.
constexpr size_t kMaxExecOutput = 64 * 1024 * 1024;

// g_spawn's failure as Node's: `spawn nosuch ENOENT`, syscall "spawn nosuch", path "nosuch".
ipc::Error spawnError(const GError *error, const std::string &file) {
  int number = EINVAL;
  if (error->domain == G_SPAWN_ERROR) {
    if (error->code == G_SPAWN_ERROR_NOENT || error->code == G_SPAWN_ERROR_CHDIR) number = ENOENT;
    else if (error->code == G_SPAWN_ERROR_ACCES || error->code == G_SPAWN_ERROR_PERM) number = EACCES;
    else if (error->code == G_SPAWN_ERROR_NOMEM) number = ENOMEM;
  }
  ipc::Error out = ipc::Error::fromErrno(number, "spawn " + file, file);
  out.message = "spawn " + file + " " + out.code + " (" + error->message + ")";
  return out;
}

void reapOnly(GPid pid, gint, gpointer) { g_spawn_close_pid(pid); }

// Runs in the child before exec: if the host dies without closing its windows (a signal, a crash), the kernel
// kills the child too, so no child ever outlives the app.
void dieWithHost(gpointer) { prctl(PR_SET_PDEATHSIG, SIGKILL); }
}  // namespace

ChildProcessServiceImpl::ChildProcessServiceImpl(App &app) : app_(app) {
  // A child that exits before reading its stdin must give EPIPE on write, not kill the host with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
}

ChildProcessServiceImpl::~ChildProcessServiceImpl() {
  // The window is closing: its children go with it (SIGKILL), and are still reaped so no zombie is left.
  for (auto &[id, child] : children_) {
    for (guint source : {child->outSource, child->errSource, child->inSource, child->timeoutSource, child->exitSource})
      if (source) g_source_remove(source);
    for (int fd : {child->in, child->out, child->err})
      if (fd >= 0) ::close(fd);
    if (!child->exited) {
      ::kill(child->pid, SIGKILL);
      g_child_watch_add(child->pid, reapOnly, nullptr);
    }
    if (child->reply) child->reply->error(ipc::Error::internal("child_process.exec: the window closed"));
  }
}

ChildProcessServiceImpl::Child *ChildProcessServiceImpl::find(uint64_t id, ipc::Reply &reply) {
  auto found = children_.find(id);
  if (found != children_.end()) return found->second.get();
  ipc::Error error = ipc::Error::fromErrno(ESRCH, "child_process");
  error.message = "no running child process with id " + std::to_string(id) + " in this window";
  reply.error(error);
  return nullptr;
}

namespace {
// g_spawn waits until the child has exec'd (or failed to): on a slow disk that is the program's load. It runs on
// one thread that never exits, because PR_SET_PDEATHSIG (dieWithHost) fires when the *thread* that forked the
// child ends: a pool thread stopped for idling would kill every child it started.
void onSpawnerThread(std::function<void()> task) {
  static GThreadPool *spawner = g_thread_pool_new([](gpointer data, gpointer) {
    auto *boxed = static_cast<std::function<void()> *>(data);
    (*boxed)();
    delete boxed;
  }, nullptr, 1, TRUE, nullptr);  // exclusive: its one thread starts now and runs until the pool is freed (never)
  g_thread_pool_push(spawner, new std::function<void()>(std::move(task)), nullptr);
}

struct Spawned {
  GPid pid = 0;
  int in = -1, out = -1, err = -1;
};
}  // namespace

void ChildProcessServiceImpl::start(uint64_t id, const std::vector<std::string> &args, const std::string &cwd,
                                    const std::vector<std::string> &env, ipc::Reply reply,
                                    std::function<void(Child &)> started) {
  if (args.empty() || args[0].empty()) return (void)reply.error(ipc::Error::typeError("args must name a program"));
  if (children_.count(id) || starting_.count(id))
    return (void)reply.error(ipc::Error::typeError("a child process with id " + std::to_string(id) + " is still running"));
  std::string why;
  if (!app_.environment().checkChildEntries(env, why)) return (void)reply.error(ipc::Error::notAllowed("child_process: " + why));
  // No explicit env: the host's own, plus what pages set with process.env (never a variable that loads code).
  std::vector<std::string> entries = env.empty() ? app_.environment().forChild() : env;
  starting_.insert(id);
  onSpawnerThread([alive = std::weak_ptr<int>(alive_), this, id, args, cwd, entries = std::move(entries), reply,
                   started = std::move(started)]() mutable {
    std::vector<char *> argv, envp;
    for (const auto &arg : args) argv.push_back(const_cast<char *>(arg.c_str()));
    argv.push_back(nullptr);
    for (const auto &entry : entries) envp.push_back(const_cast<char *>(entry.c_str()));
    envp.push_back(nullptr);
    Spawned spawned;
    GError *error = nullptr;
    auto flags = static_cast<GSpawnFlags>(G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CLOEXEC_PIPES);
    bool ok = g_spawn_async_with_pipes(cwd.empty() ? nullptr : cwd.c_str(), argv.data(), envp.data(), flags, dieWithHost,
                                       nullptr, &spawned.pid, &spawned.in, &spawned.out, &spawned.err, &error);
    ipc::Error failure;
    if (!ok) {
      failure = spawnError(error, args[0]);
      g_error_free(error);
    }
    runOnMainThread([alive, this, id, ok, spawned, failure, reply, started = std::move(started)]() mutable {
      if (alive.expired()) {  // the window closed meanwhile: `this` is gone, and so must the child be
        if (!ok) return;
        for (int fd : {spawned.in, spawned.out, spawned.err}) ::close(fd);
        ::kill(spawned.pid, SIGKILL);
        g_child_watch_add(spawned.pid, reapOnly, nullptr);
        return;
      }
      starting_.erase(id);
      if (!ok) return (void)reply.error(failure);
      auto child = std::make_unique<Child>();
      child->owner = this;
      child->id = id;
      child->pid = spawned.pid;
      child->in = spawned.in, child->out = spawned.out, child->err = spawned.err;
      for (int fd : {child->in, child->out, child->err}) g_unix_set_fd_nonblocking(fd, TRUE, nullptr);
      Child *raw = child.get();
      raw->outSource = g_unix_fd_add(raw->out, static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR), onOutput, raw);
      raw->errSource = g_unix_fd_add(raw->err, static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR), onOutput, raw);
      raw->exitSource = g_child_watch_add(raw->pid, onExit, raw);
      children_[id] = std::move(child);
      started(*raw);
    });
  });
}

void ChildProcessServiceImpl::spawn(const ipc::Context &context, SpawnArgs args, ipc::Reply reply) {
  start(args.id, args.args, args.cwd, args.env, reply, [events = context.events, reply](Child &child) mutable {
    child.events = events;
    resolveSpawn(reply, SpawnResult{static_cast<int32_t>(child.pid)});
  });
}

void ChildProcessServiceImpl::exec(const ipc::Context &, ExecArgs args, ipc::Reply reply) {
  start(nextExecId_++, args.args, args.cwd, args.env, reply, [reply, timeout = args.timeout](Child &child) {
    child.collect = true;
    child.reply = std::make_unique<ipc::Reply>(reply);
    ::close(child.in);  // exec gives no input: a program that reads stdin sees end-of-file
    child.in = -1;
    if (timeout > 0) child.timeoutSource = g_timeout_add(timeout, onTimeout, &child);
  });
}

void ChildProcessServiceImpl::kill(const ipc::Context &, KillArgs args, ipc::Reply reply) {
  Child *child = find(args.id, reply);
  if (!child) return;
  if (!child->exited && ::kill(child->pid, args.signal) != 0)
    return (void)reply.error(ipc::Error::fromErrno(errno, "kill"));
  resolveKill(reply);
}

void ChildProcessServiceImpl::write(const ipc::Context &, WriteArgs args, ipc::Reply reply) {
  Child *child = find(args.id, reply);
  if (!child) return;
  if (child->in < 0 || child->endRequested) return (void)reply.error(ipc::Error::fromErrno(EPIPE, "write"));
  child->pendingIn.insert(child->pendingIn.end(), args.data.begin(), args.data.end());
  child->endRequested = args.end;
  flushStdin(*child);
  resolveWrite(reply);
}

void ChildProcessServiceImpl::flushStdin(Child &child) {
  while (child.in >= 0 && !child.pendingIn.empty()) {
    ssize_t wrote = ::write(child.in, child.pendingIn.data(), child.pendingIn.size());
    if (wrote > 0) {
      child.pendingIn.erase(child.pendingIn.begin(), child.pendingIn.begin() + wrote);
    } else if (wrote < 0 && errno == EINTR) {
      continue;
    } else if (wrote < 0 && errno == EAGAIN) {
      // The child is not reading yet: finish when the pipe has room, without blocking the window.
      if (!child.inSource) child.inSource = g_unix_fd_add(child.in, G_IO_OUT, onStdinWritable, &child);
      return;
    } else {
      child.pendingIn.clear();  // EPIPE: the child closed its stdin; what it did not read is dropped, as in Node
      child.endRequested = true;
    }
  }
  if (child.inSource) g_source_remove(child.inSource);
  child.inSource = 0;
  if (child.endRequested && child.in >= 0) {
    ::close(child.in);
    child.in = -1;
  }
}

gboolean ChildProcessServiceImpl::onStdinWritable(gint, GIOCondition, gpointer data) {
  auto *child = static_cast<Child *>(data);
  child->inSource = 0;  // this source ends here; flushStdin adds a new one if the pipe fills again
  flushStdin(*child);
  return G_SOURCE_REMOVE;
}

gboolean ChildProcessServiceImpl::onOutput(gint fd, GIOCondition, gpointer data) {
  auto *child = static_cast<Child *>(data);
  bool isOut = fd == child->out;
  static thread_local std::vector<uint8_t> buffer(kReadChunk);
  ssize_t got = ::read(fd, buffer.data(), buffer.size());
  if (got < 0 && (errno == EAGAIN || errno == EINTR)) return G_SOURCE_CONTINUE;
  if (got > 0) {
    if (child->collect) {
      std::string &text = isOut ? child->stdoutText : child->stderrText;
      if (text.size() + got <= kMaxExecOutput) {
        text.append(reinterpret_cast<char *>(buffer.data()), got);
      } else {
        // The first answer wins: the exit that follows the kill cannot answer again.
        if (child->reply) child->reply->error(ipc::Error::rangeError(std::string("exec: ") + (isOut ? "stdout" : "stderr") + " exceeded " + std::to_string(kMaxExecOutput) + " bytes"));
        if (!child->exited) ::kill(child->pid, SIGTERM);
      }
    } else if (child->events) {
      emitOutput(*child->events, ChildOutput{child->id, isOut ? ChildStream::Stdout : ChildStream::Stderr},
                 std::vector<uint8_t>(buffer.begin(), buffer.begin() + got));
    }
    return G_SOURCE_CONTINUE;
  }
  // End of file (or a read error): this pipe is done.
  ::close(fd);
  if (isOut) child->out = -1, child->outSource = 0;
  else child->err = -1, child->errSource = 0;
  child->owner->finishIfDone(*child);
  return G_SOURCE_REMOVE;
}

gboolean ChildProcessServiceImpl::onTimeout(gpointer data) {
  auto *child = static_cast<Child *>(data);
  child->timeoutSource = 0;
  if (!child->exited) ::kill(child->pid, SIGTERM);
  return G_SOURCE_REMOVE;
}

void ChildProcessServiceImpl::onExit(GPid pid, gint status, gpointer data) {
  auto *child = static_cast<Child *>(data);
  g_spawn_close_pid(pid);
  child->exited = true;
  child->exitSource = 0;
  child->status = status;
  child->owner->finishIfDone(*child);
}

void ChildProcessServiceImpl::finishIfDone(Child &child) {
  if (!child.exited || child.out >= 0 || child.err >= 0) return;
  int code = WIFEXITED(child.status) ? WEXITSTATUS(child.status) : -1;
  int signal = WIFSIGNALED(child.status) ? WTERMSIG(child.status) : 0;
  if (child.collect) {
    if (child.reply) resolveExec(*child.reply, ExecResult{child.stdoutText, child.stderrText, code, signal});
  } else if (child.events) {
    emitExited(*child.events, ChildExit{child.id, code, signal});
  }
  for (guint source : {child.inSource, child.timeoutSource})
    if (source) g_source_remove(source);
  if (child.in >= 0) ::close(child.in);
  children_.erase(child.id);  // destroys `child`
}

}  // namespace host
