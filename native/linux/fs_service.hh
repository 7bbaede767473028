// fs: the generated FsService on real files. Descriptors, directory handles and watchers belong to the window
// that opened them and are closed when it goes away. Every path is opened through the app's Permissions, below
// the root folder that contains it, and every call then works on that descriptor (the *at() calls): no path is
// looked up a second time, so nothing swapped in meanwhile can redirect it.
// Threads: every call that may block on the disk runs on the worker pool (worker_pool.hh), the answer going back
// through its Reply; the main thread keeps only the descriptor table (ids -> fds) and in-memory checks. Calls on
// one open descriptor run in order on its SerialQueue, its close last.
#pragma once

#include <map>
#include <memory>
#include <set>

#include "generated/cpp/fs.hh"
#include "linux/fifo_wait.hh"
#include "linux/fs_resolve.hh"
#include "linux/fs_watch.hh"
#include "linux/permissions.hh"
#include "linux/serial_queue.hh"

namespace host {

class FsServiceImpl : public api::fs::FsService {
 public:
  explicit FsServiceImpl(std::shared_ptr<Permissions> permissions) : permissions_(std::move(permissions)) {}
  ~FsServiceImpl() override;

  void access(const ipc::Context &, api::fs::AccessArgs, ipc::Reply) override;
  void chmod(const ipc::Context &, api::fs::ChmodArgs, ipc::Reply) override;
  void chown(const ipc::Context &, api::fs::ChownArgs, ipc::Reply) override;
  void close(const ipc::Context &, api::fs::CloseArgs, ipc::Reply) override;
  void closeOpenDescriptor(const ipc::Context &, api::fs::CloseOpenDescriptorArgs, ipc::Reply) override;
  void closeOpenDescriptors(const ipc::Context &, api::fs::CloseOpenDescriptorsArgs, ipc::Reply) override;
  void closedir(const ipc::Context &, api::fs::ClosedirArgs, ipc::Reply) override;
  void constants(const ipc::Context &, api::fs::ConstantsArgs, ipc::Reply) override;
  void copyFile(const ipc::Context &, api::fs::CopyFileArgs, ipc::Reply) override;
  void fchmod(const ipc::Context &, api::fs::FchmodArgs, ipc::Reply) override;
  void fchown(const ipc::Context &, api::fs::FchownArgs, ipc::Reply) override;
  void fstat(const ipc::Context &, api::fs::FstatArgs, ipc::Reply) override;
  void fsync(const ipc::Context &, api::fs::FsyncArgs, ipc::Reply) override;
  void ftruncate(const ipc::Context &, api::fs::FtruncateArgs, ipc::Reply) override;
  void futimes(const ipc::Context &, api::fs::FutimesArgs, ipc::Reply) override;
  void getOpenDescriptors(const ipc::Context &, api::fs::GetOpenDescriptorsArgs, ipc::Reply) override;
  void lchown(const ipc::Context &, api::fs::LchownArgs, ipc::Reply) override;
  void link(const ipc::Context &, api::fs::LinkArgs, ipc::Reply) override;
  void lstat(const ipc::Context &, api::fs::LstatArgs, ipc::Reply) override;
  void lutimes(const ipc::Context &, api::fs::LutimesArgs, ipc::Reply) override;
  void mkdir(const ipc::Context &, api::fs::MkdirArgs, ipc::Reply) override;
  void open(const ipc::Context &, api::fs::OpenArgs, ipc::Reply) override;
  void opendir(const ipc::Context &, api::fs::OpendirArgs, ipc::Reply) override;
  void read(const ipc::Context &, api::fs::ReadArgs, ipc::Reply) override;
  void readFile(const ipc::Context &, api::fs::ReadFileArgs, ipc::Reply) override;
  void readdir(const ipc::Context &, api::fs::ReaddirArgs, ipc::Reply) override;
  void readlink(const ipc::Context &, api::fs::ReadlinkArgs, ipc::Reply) override;
  void realpath(const ipc::Context &, api::fs::RealpathArgs, ipc::Reply) override;
  void rename(const ipc::Context &, api::fs::RenameArgs, ipc::Reply) override;
  void retainOpenDescriptor(const ipc::Context &, api::fs::RetainOpenDescriptorArgs, ipc::Reply) override;
  void rmdir(const ipc::Context &, api::fs::RmdirArgs, ipc::Reply) override;
  void stat(const ipc::Context &, api::fs::StatArgs, ipc::Reply) override;
  void stopWatch(const ipc::Context &, api::fs::StopWatchArgs, ipc::Reply) override;
  void symlink(const ipc::Context &, api::fs::SymlinkArgs, ipc::Reply) override;
  void unlink(const ipc::Context &, api::fs::UnlinkArgs, ipc::Reply) override;
  void utimes(const ipc::Context &, api::fs::UtimesArgs, ipc::Reply) override;
  void watch(const ipc::Context &, api::fs::WatchArgs, ipc::Reply) override;
  void write(const ipc::Context &, api::fs::WriteArgs, ipc::Reply) override;

  size_t openCount() const { return descriptors_.size(); }

  // Limits on what one request may ask for (docs/security.md).
  static constexpr size_t kMaxReadBytes = 16 * 1024 * 1024;  // fs.read, fs.readFile: bytes returned by one call
  static constexpr size_t kReadChunk = 64 * 1024;            // growth step for pipes and devices
  static constexpr size_t kMaxReaddirEntries = 4096;         // fs.readdir: entries returned by one call
  static constexpr size_t kMaxWatchers = 256;                // fs.watch: watchers per window
  // Calls waiting on one descriptor behind the one running; more fail at once with EAGAIN. A read of a FIFO
  // with no writer never ends, and each call behind it would hold its request (and a write its bytes) for good.
  // Pages that send many writes at once without awaiting them stay well below it.
  static constexpr size_t kMaxQueuedCalls = 1024;

 private:
  struct Descriptor {
    int fd = -1;
    void *dir = nullptr;  // DIR* for opendir handles
    bool retained = false;
    // Whether its root grants writing, decided at open: fchmod/fchown/futimes need it.
    bool writable = false;
    std::string path;  // as the page named it, for errors
    // Every syscall on fd/dir runs here, in order; closeDescriptor posts the close last.
    std::shared_ptr<SerialQueue> queue = std::make_shared<SerialQueue>();
    // A FIFO: its reads and writes wait where closeDescriptor can interrupt them (fifo_wait.hh).
    std::shared_ptr<FifoWait> fifo;
  };

  Descriptor *find(uint64_t id, bool directory, ipc::Reply &reply);
  // An open file whose metadata may be changed: found, and its path writable; else answers `reply`.
  Descriptor *findWritable(uint64_t id, const char *syscall, ipc::Reply &reply);
  // Posts `task` on the descriptor's queue; when kMaxQueuedCalls already wait there, answers `reply` with EAGAIN
  // (naming `syscall`) instead and returns false.
  static bool queue(Descriptor &descriptor, const char *syscall, ipc::Reply &reply, std::function<void()> task);
  // Posts the close to the descriptor's queue (after its pending calls); `done` (if set) runs there with close's result.
  static void closeDescriptor(Descriptor &descriptor, std::function<void(int status, int error)> done = nullptr);
  // Ids whose open/opendir runs on the pool: taken, though not yet in descriptors_.
  bool idTaken(uint64_t id, ipc::Reply &reply);

  // Every task on the pool holds it (`keep`): at exit the App, which made it, may be destroyed before they end.
  std::shared_ptr<Permissions> permissions_;
  std::map<uint64_t, Descriptor> descriptors_;
  std::set<uint64_t> opening_;
  // Expires with the service: an open finishing after the window closed closes its descriptor instead.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  std::map<uint64_t, std::shared_ptr<FsWatcher>> watchers_;  // from the moment watch is called
};

}  // namespace host
