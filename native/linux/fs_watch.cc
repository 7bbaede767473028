#include "linux/fs_watch.hh"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <list>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "linux/fs_resolve.hh"
#include "linux/serial_queue.hh"
#include "linux/worker_pool.hh"

namespace host {

using namespace api::fs;

namespace {
// More directories than this under one recursive watch is refused rather than exhausting inotify's watches.
constexpr size_t kMaxDirectories = 8192;
// Paths that may wait for a look (a walk or a removal) under one watcher. Directories made and removed faster
// than the pool walks them (a swap flood) would otherwise queue one task per event without end: a path that
// already waits is not queued again, and past this many the watcher instead walks its whole tree once.
constexpr size_t kMaxWaitingPaths = 1024;

std::string pathOf(GFile *file) {
  char *path = g_file_get_path(file);
  std::string out = path ? path : "";
  g_free(path);
  return out;
}

bool isDirectory(const std::string &path) {
  struct stat info;
  return ::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// The directory named `path` itself, held open (O_PATH), or -1: never through a symbolic link, in the last
// component (O_NOFOLLOW) or on the way (its real path must be `path`).
int openExactDirectory(const std::string &path) {
  int fd = ::open(path.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0 && pathOfDescriptor(fd) != path) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Whether `path` still names exactly the directory `held` holds.
bool stillNames(const std::string &path, int held) {
  int again = openExactDirectory(path);
  if (again < 0) return false;
  struct stat a, b;
  bool same = ::fstat(held, &a) == 0 && ::fstat(again, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
  ::close(again);
  return same;
}

void stop(GFileMonitor *monitor) {
  g_file_monitor_cancel(monitor);
  g_object_unref(monitor);
}
}  // namespace

// `mutex` guards `closed` and `monitors`: the pool's walks add and remove monitors, the main thread's handler
// reads them and the destructor (main thread) closes. Nothing that waits on the disk runs under it, so the
// handler never waits on the disk through it.
struct FsWatcher::State : std::enable_shared_from_this<State> {
  State(uint64_t id, bool recursive, std::shared_ptr<ipc::EventSink> events, std::function<bool(const std::string &)> mayWatch)
      : id(id), recursive(recursive), events(std::move(events)), mayWatch(std::move(mayWatch)) {}
  ~State() {
    close();  // done already by ~FsWatcher (on the main thread): nothing is left to stop here
    if (root) g_object_unref(root);
  }

  // Pool (the walks queue).
  GFileMonitor *monitor(const std::string &path, bool directory, std::string &error);
  bool addTree(const std::string &path, bool announce, std::string &error);
  void removeTree(const std::string &path);
  // Walks the whole tree again, quietly, and stops the monitors of directories that are gone or were replaced.
  void rescan();
  // Runs the looks that wait, one at a time, until none is left.
  void drainLooks();
  // Once closed (stopWatch, the window closing, the app exiting) the walks still queued end at once: they must
  // not call mayWatch, whose Permissions belong to the app and are gone after it exits.
  bool isClosed();
  // Stops `made`, the monitor of `path`, unless close() took it already.
  void forget(const std::string &path, GFileMonitor *made);
  // Main thread.
  static void onChanged(GFileMonitor *, GFile *, GFile *, GFileMonitorEvent, gpointer);
  void changed(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event);
  void walkLater(const std::string &path);
  void removeLater(const std::string &path);
  // Coalesces: one look per path waits, the latest asked for (what a later look finds is the current state, which
  // is all an earlier one would have acted on); past kMaxWaitingPaths, one rescan replaces them all.
  void lookLater(bool walk, const std::string &path);
  void close();
  // Any thread: nothing once closed.
  void report(GFile *file, FileChangeKind kind);

  const uint64_t id;
  const bool recursive;
  const std::shared_ptr<ipc::EventSink> events;
  const std::function<bool(const std::string &)> mayWatch;
  // Set by the start before the first monitor exists, then only read.
  std::string rootPath;
  GFile *root = nullptr;
  const std::shared_ptr<SerialQueue> walks = std::make_shared<SerialQueue>();

  std::mutex mutex;
  bool closed = false;
  std::map<std::string, GFileMonitor *> monitors;  // by absolute path
  // What each monitored directory was when its monitor was made: a directory replaced under the same name
  // (removed and made again, swapped) has stale monitors, which a walk of it stops first.
  std::map<std::string, std::pair<dev_t, ino_t>> identities;
  // The looks waiting (walk: true; removal: false), in the order last asked for, and where each path is.
  std::list<std::pair<bool, std::string>> looks;
  std::unordered_map<std::string, std::list<std::pair<bool, std::string>>::iterator> lookOf;
  bool rescanWaits = false;   // more than kMaxWaitingPaths were asked for: one walk of the whole tree instead
  bool drainPosted = false;   // a drainLooks task is on `walks`, waiting or running
  size_t mostWaiting = 0;     // the most looks that ever waited at once (SOCKET_DEBUG_WATCH prints it at close)
  size_t rescans = 0;
};

FsWatcher::FsWatcher(uint64_t id, bool recursive, std::shared_ptr<ipc::EventSink> events,
                     std::function<bool(const std::string &)> mayWatch)
    : state_(std::make_shared<State>(id, recursive, std::move(events), std::move(mayWatch))) {}

FsWatcher::~FsWatcher() { state_->close(); }

void FsWatcher::start(std::function<bool(std::string &, bool &)> locate, std::function<void(bool, const std::string &)> done) {
  // Copies: with the fuzzers' inline pool `done` runs inside post(), and may destroy this watcher there.
  std::shared_ptr<State> state = state_;
  std::shared_ptr<SerialQueue> walks = state->walks;
  walks->post([state, locate = std::move(locate), done = std::move(done)] {
    std::string path;
    bool directory = false;
    if (!locate(path, directory)) return runOnMainThread([done] { done(false, ""); });
    {
      std::lock_guard<std::mutex> lock(state->mutex);
      state->rootPath = path;
      state->root = g_file_new_for_path(path.c_str());
    }
    std::string error;
    bool ok = directory ? state->addTree(path, false, error) : state->monitor(path, false, error) != nullptr;
    runOnMainThread([done, error = ok ? std::string() : error] { done(true, error); });
  });
}

void FsWatcher::State::close() {
  std::map<std::string, GFileMonitor *> stopping;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!closed && std::getenv("SOCKET_DEBUG_WATCH"))
      std::fprintf(stderr, "fs.watch %llu: at most %zu looks waited, %zu rescans\n", static_cast<unsigned long long>(id),
                   mostWaiting, rescans);
    closed = true;
    stopping.swap(monitors);
    identities.clear();
    looks.clear();
    lookOf.clear();
  }
  // On the main thread, where the handler runs: once disconnected here it never runs for this watcher again,
  // so the raw State pointer it was given cannot outlive its use.
  for (auto &[path, made] : stopping) {
    g_signal_handlers_disconnect_by_data(made, this);
    stop(made);
  }
}

GFileMonitor *FsWatcher::State::monitor(const std::string &path, bool directory, std::string &error) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (closed) {
      error = "the watcher was closed";
      return nullptr;
    }
    auto found = monitors.find(path);
    if (found != monitors.end()) return found->second;
    if (monitors.size() >= kMaxDirectories) {
      error = "more than " + std::to_string(kMaxDirectories) + " directories to watch";
      return nullptr;
    }
  }
  // Made outside the lock (inotify looks the path up on the disk); only this watcher's walks add monitors, one
  // at a time, so nobody else adds `path` meanwhile.
  GFile *file = g_file_new_for_path(path.c_str());
  GError *failure = nullptr;
  GFileMonitor *made = directory ? g_file_monitor_directory(file, G_FILE_MONITOR_WATCH_MOVES, nullptr, &failure)
                                 : g_file_monitor_file(file, G_FILE_MONITOR_WATCH_MOVES, nullptr, &failure);
  g_object_unref(file);
  if (!made) {
    error = failure ? failure->message : "cannot watch";
    if (failure) g_error_free(failure);
    return nullptr;
  }
  g_file_monitor_set_rate_limit(made, 50);
  std::lock_guard<std::mutex> lock(mutex);
  if (closed) {  // closed while it was being made: it never reports
    stop(made);
    error = "the watcher was closed";
    return nullptr;
  }
  g_signal_connect(made, "changed", G_CALLBACK(onChanged), this);
  monitors[path] = made;
  return made;
}

bool FsWatcher::State::addTree(const std::string &path, bool announce, std::string &error) {
  // Swap race (docs/security.md): `path` was judged a directory the app may read, but anyone who can rename
  // entries there may replace it with a link to a folder outside the app before the walk reaches it. So the walk
  // holds the directory it verified, lists that (never what the name leads to later), and keeps the monitor
  // (inotify takes only a name) only when the name still leads to that same directory after it was made.
  if (isClosed()) {
    error = "the watcher was closed";
    return false;
  }
  int held = openExactDirectory(path);
  if (held < 0) {  // gone, unreadable, or no longer the directory that was judged: nothing to watch there
    if (path != rootPath) return true;
    error = "the directory was replaced while it was being watched";
    return false;
  }
  struct stat heldInfo;
  if (::fstat(held, &heldInfo) != 0) return ::close(held), true;
  const std::pair<dev_t, ino_t> identity{heldInfo.st_dev, heldInfo.st_ino};
  bool stale;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto known = identities.find(path);
    stale = known != identities.end() && known->second != identity;
  }
  if (stale) removeTree(path);  // another directory had this name: its monitors watch nothing here any more
  GFileMonitor *made = monitor(path, true, error);
  if (!made) return ::close(held), false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (monitors.count(path)) identities[path] = identity;
  }
  if (!stillNames(path, held)) {
    ::close(held);
    forget(path, made);
    if (path != rootPath) return true;
    error = "the directory was replaced while it was being watched";
    return false;
  }
  if (!recursive) return ::close(held), true;
  int listing = ::openat(held, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ::close(held);
  DIR *dir = listing >= 0 ? ::fdopendir(listing) : nullptr;
  if (!dir) {  // unreadable: nothing below it to watch
    if (listing >= 0) ::close(listing);
    return true;
  }
  std::vector<std::string> below;
  while (dirent *entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string full = path + "/" + name;
    if (announce) {
      GFile *file = g_file_new_for_path(full.c_str());
      report(file, FileChangeKind::Rename);
      g_object_unref(file);
    }
    // Symbolic links are entries, never followed: a link to a parent would loop.
    struct stat info;
    bool directory = ::fstatat(::dirfd(dir), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode);
    if (directory && !isClosed() && mayWatch(full)) below.push_back(full);
  }
  ::closedir(dir);
  for (const auto &child : below)
    if (!addTree(child, announce, error)) return false;
  return true;
}

bool FsWatcher::State::isClosed() {
  std::lock_guard<std::mutex> lock(mutex);
  return closed;
}

void FsWatcher::State::forget(const std::string &path, GFileMonitor *made) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto found = monitors.find(path);
    if (found == monitors.end() || found->second != made) return;  // closed meanwhile: close() stopped it
    monitors.erase(found);
    identities.erase(path);
  }
  stop(made);
}

void FsWatcher::State::removeTree(const std::string &path) {
  std::vector<GFileMonitor *> stopping;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto it = monitors.begin(); it != monitors.end();) {
      bool under = it->first == path || (it->first.size() > path.size() && it->first.compare(0, path.size(), path) == 0 && it->first[path.size()] == '/');
      if (under && it->first != rootPath) {
        stopping.push_back(it->second);
        identities.erase(it->first);
        it = monitors.erase(it);
      } else {
        ++it;
      }
    }
  }
  // Cancelling is thread-safe in GIO; a handler already running on the main thread holds its own reference.
  for (GFileMonitor *made : stopping) stop(made);
}

void FsWatcher::State::report(GFile *file, FileChangeKind kind) {
  std::lock_guard<std::mutex> lock(mutex);
  if (closed || !events) return;
  char *relative = g_file_get_relative_path(root, file);
  char *name = relative ? nullptr : g_file_get_basename(file);
  emitChange(*events, FileChange{id, relative ? relative : name, kind});
  g_free(relative);
  g_free(name);
}

// Whether a path that appeared is a directory to watch, and its tree, are found on the pool, after the walks
// and removals already asked for.
void FsWatcher::State::walkLater(const std::string &path) { lookLater(true, path); }

void FsWatcher::State::removeLater(const std::string &path) { lookLater(false, path); }

void FsWatcher::State::lookLater(bool walk, const std::string &path) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (closed) return;
    if (!rescanWaits) {
      auto found = lookOf.find(path);
      if (found != lookOf.end()) {
        looks.erase(found->second);
        lookOf.erase(found);
      }
      if (looks.size() >= kMaxWaitingPaths) {
        rescanWaits = true;
        looks.clear();
        lookOf.clear();
      } else {
        looks.emplace_back(walk, path);
        lookOf[path] = std::prev(looks.end());
      }
    }
    mostWaiting = std::max(mostWaiting, looks.size() + (rescanWaits ? 1 : 0));
    if (drainPosted) return;
    drainPosted = true;
  }
  walks->post([self = shared_from_this()] { self->drainLooks(); });
}

void FsWatcher::State::drainLooks() {
  for (;;) {
    bool walk = false, whole = false;
    std::string path;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (closed || (looks.empty() && !rescanWaits)) {
        drainPosted = false;
        return;
      }
      if (rescanWaits) {
        whole = true;
        rescanWaits = false;
        rescans++;
      } else {
        walk = looks.front().first;
        path = std::move(looks.front().second);
        lookOf.erase(path);
        looks.pop_front();
      }
    }
    std::string ignored;
    if (whole) rescan();
    else if (!walk) removeTree(path);
    else if (!isClosed() && isDirectory(path) && mayWatch(path)) addTree(path, true, ignored);
    else removeTree(path);  // not (or no longer) a directory to watch: nothing of an earlier one stays watched
  }
}

void FsWatcher::State::rescan() {
  std::string ignored;
  addTree(rootPath, false, ignored);
  std::vector<std::pair<std::string, std::pair<dev_t, ino_t>>> known;
  {
    std::lock_guard<std::mutex> lock(mutex);
    known.assign(identities.begin(), identities.end());
  }
  for (const auto &[path, identity] : known) {
    if (path == rootPath || isClosed()) continue;
    int held = openExactDirectory(path);
    struct stat info;
    bool same = held >= 0 && ::fstat(held, &info) == 0 && info.st_dev == identity.first && info.st_ino == identity.second;
    if (held >= 0) ::close(held);
    if (!same) removeTree(path);
  }
}

void FsWatcher::State::onChanged(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event, gpointer data) {
  static_cast<State *>(data)->changed(monitor, file, other, event);
}

void FsWatcher::State::changed(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event) {
  std::string path = pathOf(file);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (closed) return;
    // A watched subdirectory's own monitor reports its deletion; its parent's monitor reports it already.
    if (path != rootPath) {
      auto own = monitors.find(path);
      if (own != monitors.end() && own->second == monitor) return;
    }
  }
  switch (event) {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
      return report(file, FileChangeKind::Change);
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      report(file, FileChangeKind::Rename);
      if (recursive) walkLater(path);
      return;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      report(file, FileChangeKind::Rename);
      if (recursive) removeLater(path);
      return;
    case G_FILE_MONITOR_EVENT_RENAMED: {
      // Within one directory: the old name goes, the new one comes, as inotify reports both to Node.
      report(file, FileChangeKind::Rename);
      if (recursive) removeLater(path);
      if (!other) return;
      report(other, FileChangeKind::Rename);
      if (recursive) walkLater(pathOf(other));
      return;
    }
    default:
      return;  // CHANGES_DONE_HINT and unmount notices are not changes of their own
  }
}

}  // namespace host
