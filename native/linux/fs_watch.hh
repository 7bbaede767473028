// fs.watch's watcher: GFileMonitors (inotify) on a file, a directory, or, recursive, a directory and every
// directory below it, kept in step as directories come and go. Paths are reported relative to the root.
// Threads: finding the root, walking the tree and making the monitors (all of which wait on the disk) run on the
// worker pool, one step at a time per watcher (its SerialQueue), so a large tree never stalls the window. The
// monitors are made on pool threads that have no thread-default main context, so GLib delivers their events on
// the global default context: the GTK main thread, where the handler reports them. A directory created or moved
// in while watching is walked on the pool the same way, in order with the removal of trees that went away.
#pragma once
#include <gio/gio.h>

#include <functional>
#include <memory>
#include <string>

#include "generated/cpp/fs.hh"

namespace host {

class FsWatcher {
 public:
  // `mayWatch(path)`: whether a directory found below the root may be watched (the app's read permission); it
  // is called on the pool.
  FsWatcher(uint64_t id, bool recursive, std::shared_ptr<ipc::EventSink> events,
            std::function<bool(const std::string &)> mayWatch);
  // Main thread. Stops every monitor: a walk still running makes no more and reports nothing more.
  ~FsWatcher();
  FsWatcher(const FsWatcher &) = delete;
  FsWatcher &operator=(const FsWatcher &) = delete;

  // On the pool, `locate(path, directory)` finds the real place to watch (false: it failed and has answered the
  // caller); then the monitors are made. `done(located, error)` follows on the main thread, `error` empty when
  // the watch runs (set when the root, or a directory below it, cannot be watched, or the watcher was destroyed).
  void start(std::function<bool(std::string &path, bool &directory)> locate,
             std::function<void(bool located, const std::string &error)> done);

 private:
  struct State;  // shared with the pool's tasks; the monitors' handler gets it raw (see ~FsWatcher)
  std::shared_ptr<State> state_;
};

}  // namespace host
