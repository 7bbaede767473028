// Which files a page may touch, and the only way the host reaches them: the app's own folder (read only), its
// data, config and cache folders, what socket.ini grants ([filesystem] allow[] / read[]), and what the user
// picked in a file dialog. Each such root is held open as a directory descriptor; every request path is opened
// below the root that contains it (fs_resolve.hh), never looked up again by name, so that no "..", symbolic
// link or rename leads outside it. Symbolic links are followed only while they stay inside the root they are in.
#pragma once
#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace host {

class Config;

class Permissions {
 public:
  enum class Access { Read, Write };

  // Why a request was not opened: refused by the rules (`denied`, with `message`), or the system's errno.
  struct Failure {
    bool denied = false;
    int code = 0;
    std::string message;
  };

  Permissions(const Config &config, const std::string &resources, const std::string &bundleId);
  ~Permissions();
  Permissions(const Permissions &) = delete;
  Permissions &operator=(const Permissions &) = delete;

  // Opens `path` (relative paths are relative to the resources folder) with open(2) `flags`, following a
  // final symbolic link only inside its root. -1 with `failure` set when refused or failed. `writable` (if
  // given) tells whether the root grants writing, whatever `access` asked.
  int open(const std::string &path, Access access, int flags, mode_t mode, Failure &failure,
           bool *writable = nullptr) const;
  // Opens the folder holding `path` (O_PATH) and sets `name` to its last component, for *at() calls on the
  // entry itself. `name` is empty when `path` is a root.
  int openParent(const std::string &path, Access access, std::string &name, Failure &failure) const;
  // mkdir -p below a writable root: creates each missing folder with `mode`. False with `failure` set.
  bool makeDirectories(const std::string &path, mode_t mode, Failure &failure) const;
  // Whether a symbolic link whose folder is `parent` may point at `target`: a relative target is judged from
  // where the link really lands (that folder's real path), and must name a place inside a readable root.
  bool linkTargetAllowed(int parent, const std::string &target) const;

  // For callers outside fs: the real path `path` names (its folder resolved as open() would), or false with
  // `error` naming the path when it is refused or its folder cannot be reached.
  bool check(const std::string &path, Access access, std::string &resolved, std::string &error) const;
  // A path the user chose in a picker: granted for the rest of the run (the path itself, or the folder).
  void grant(const std::string &path, Access access);
  std::vector<std::string> roots() const;

 private:
  struct Root {
    std::string path;                   // as configured, lexically normalised
    std::vector<std::string> prefixes;  // path and its real path
    Access access;
    bool file = false;     // a single picked file: `fd` is its folder and only `name` matches
    std::string name;      // for `file`
    bool create = false;   // the app's own folders are made on first write
    mutable int fd = -1;   // O_PATH | O_DIRECTORY: opened at start, or on first use if missing then (under mutex_)
  };
  struct Match {
    const Root *root = nullptr;
    std::string relative;
  };
  void add(const std::string &path, Access access, bool create);
  // The root that contains `absolute` and grants `access` (longest match), or false with `failure`.
  bool select(const std::string &path, const std::string &absolute, Access access, Match &match, Failure &failure) const;
  int rootFd(const Root &root, Access access, Failure &failure) const;
  static std::vector<std::string> prefixesOf(const Root &root);
  std::string absolute(const std::string &path) const;

  std::string resources_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Root>> roots_;  // never removed: a Match may point at one
};

// Lexically normalises an absolute path ("/a/./b/../c" -> "/a/c").
std::string normalisePath(const std::string &path);

}  // namespace host
