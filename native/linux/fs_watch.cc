#include "linux/fs_watch.hh"

#include <dirent.h>
#include <sys/stat.h>

#include <vector>

namespace host {

using namespace api::fs;

namespace {
// More directories than this under one recursive watch is refused rather than exhausting inotify's watches.
constexpr size_t kMaxDirectories = 8192;

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
}  // namespace

FsWatcher::FsWatcher(uint64_t id, const std::string &root, bool recursive, std::shared_ptr<ipc::EventSink> events,
                     std::function<bool(const std::string &)> mayWatch)
    : id_(id), rootPath_(root), root_(g_file_new_for_path(root.c_str())), recursive_(recursive),
      events_(std::move(events)), mayWatch_(std::move(mayWatch)) {}

FsWatcher::~FsWatcher() {
  for (auto &[path, monitor] : monitors_) {
    g_file_monitor_cancel(monitor);
    g_object_unref(monitor);
  }
  g_object_unref(root_);
}

bool FsWatcher::start(bool directory, std::string &error) {
  if (!directory) return monitor(rootPath_, false, error) != nullptr;
  return addTree(rootPath_, false, error);
}

GFileMonitor *FsWatcher::monitor(const std::string &path, bool directory, std::string &error) {
  auto found = monitors_.find(path);
  if (found != monitors_.end()) return found->second;
  if (monitors_.size() >= kMaxDirectories) {
    error = "more than " + std::to_string(kMaxDirectories) + " directories to watch";
    return nullptr;
  }
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
  g_signal_connect(made, "changed", G_CALLBACK(onChanged), this);
  monitors_[path] = made;
  return made;
}

bool FsWatcher::addTree(const std::string &path, bool announce, std::string &error) {
  if (!monitor(path, true, error)) return false;
  if (!recursive_) return true;
  DIR *dir = ::opendir(path.c_str());
  if (!dir) return true;  // gone or unreadable since it was seen: nothing below it to watch
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
    if (isDirectory(full) && mayWatch_(full)) below.push_back(full);
  }
  ::closedir(dir);
  for (const auto &child : below)
    if (!addTree(child, announce, error)) return false;
  return true;
}

void FsWatcher::removeTree(const std::string &path) {
  for (auto it = monitors_.begin(); it != monitors_.end();) {
    bool under = it->first == path || (it->first.size() > path.size() && it->first.compare(0, path.size(), path) == 0 && it->first[path.size()] == '/');
    if (under && it->first != rootPath_) {
      g_file_monitor_cancel(it->second);
      g_object_unref(it->second);
      it = monitors_.erase(it);
    } else {
      ++it;
    }
  }
}

void FsWatcher::report(GFile *file, FileChangeKind kind) {
  if (!events_) return;
  char *relative = g_file_get_relative_path(root_, file);
  char *name = relative ? nullptr : g_file_get_basename(file);
  emitChange(*events_, FileChange{id_, relative ? relative : name, kind});
  g_free(relative);
  g_free(name);
}

void FsWatcher::onChanged(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event, gpointer data) {
  static_cast<FsWatcher *>(data)->changed(monitor, file, other, event);
}

void FsWatcher::changed(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event) {
  std::string path = pathOf(file);
  // A watched subdirectory's own monitor reports its deletion; its parent's monitor reports it already.
  if (path != rootPath_) {
    auto own = monitors_.find(path);
    if (own != monitors_.end() && own->second == monitor) return;
  }
  std::string ignored;
  switch (event) {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
      return report(file, FileChangeKind::Change);
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      report(file, FileChangeKind::Rename);
      if (recursive_ && isDirectory(path) && mayWatch_(path)) addTree(path, true, ignored);
      return;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      report(file, FileChangeKind::Rename);
      if (recursive_) removeTree(path);
      return;
    case G_FILE_MONITOR_EVENT_RENAMED: {
      // Within one directory: the old name goes, the new one comes, as inotify reports both to Node.
      report(file, FileChangeKind::Rename);
      if (recursive_) removeTree(path);
      if (!other) return;
      report(other, FileChangeKind::Rename);
      std::string renamed = pathOf(other);
      if (recursive_ && isDirectory(renamed) && mayWatch_(renamed)) addTree(renamed, true, ignored);
      return;
    }
    default:
      return;  // CHANGES_DONE_HINT and unmount notices are not changes of their own
  }
}

}  // namespace host
