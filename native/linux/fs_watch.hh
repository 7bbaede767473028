// fs.watch's watcher: GFileMonitors (inotify) on a file, a directory, or, recursive, a directory and every
// directory below it, kept in step as directories come and go. Paths are reported relative to the root.
#pragma once
#include <gio/gio.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "generated/cpp/fs.hh"

namespace host {

class FsWatcher {
 public:
  // `mayWatch(path)`: whether a directory found below the root may be watched (the app's read permission).
  FsWatcher(uint64_t id, const std::string &root, bool recursive, std::shared_ptr<ipc::EventSink> events,
            std::function<bool(const std::string &)> mayWatch);
  ~FsWatcher();
  FsWatcher(const FsWatcher &) = delete;
  FsWatcher &operator=(const FsWatcher &) = delete;

  // Starts the monitors; false with `error` set when the root (or, recursive, a directory below it) cannot be watched.
  bool start(bool directory, std::string &error);

 private:
  static void onChanged(GFileMonitor *, GFile *, GFile *, GFileMonitorEvent, gpointer);
  void changed(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event);
  GFileMonitor *monitor(const std::string &path, bool directory, std::string &error);
  // Watches `path` and, recursive, every directory below it; `announce` reports each entry found as a rename.
  bool addTree(const std::string &path, bool announce, std::string &error);
  void removeTree(const std::string &path);
  void report(GFile *file, api::fs::FileChangeKind kind);

  uint64_t id_;
  std::string rootPath_;
  GFile *root_;
  bool recursive_;
  std::shared_ptr<ipc::EventSink> events_;
  std::function<bool(const std::string &)> mayWatch_;
  std::map<std::string, GFileMonitor *> monitors_;  // by absolute path
};

}  // namespace host
