#include "linux/permissions.hh"

#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "linux/config.hh"
#include "linux/fs_resolve.hh"

namespace host {

std::string normalisePath(const std::string &path) {
  std::vector<std::string> parts;
  for (auto &part : splitPath(path)) {
    if (part == "..") { if (!parts.empty()) parts.pop_back(); }
    else if (part != ".") parts.push_back(part);
  }
  std::string out;
  for (auto &part : parts) out += "/" + part;
  return out.empty() ? "/" : out;
}

namespace {
// The real path of a root that may not exist yet: symbolic links resolved as far as it exists.
std::string realOrParent(const std::string &path) {
  std::string head = path, tail;
  while (true) {
    char buffer[PATH_MAX];
    if (realpath(head.c_str(), buffer)) return normalisePath(std::string(buffer) + tail);
    auto slash = head.rfind('/');
    if (slash == std::string::npos || head == "/") return path;
    tail = head.substr(slash) + tail;
    head = slash == 0 ? "/" : head.substr(0, slash);
  }
}

// `relative` when `path` is `prefix` or below it.
bool below(const std::string &path, const std::string &prefix, std::string &relative) {
  if (prefix == "/") { relative = path.substr(1); return true; }
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  if (path.size() == prefix.size()) { relative.clear(); return true; }
  if (path[prefix.size()] != '/') return false;
  relative = path.substr(prefix.size() + 1);
  return true;
}

std::string expand(std::string path, const std::string &resources) {
  if (path.rfind("~/", 0) == 0 || path == "~") path = std::string(g_get_home_dir()) + path.substr(1);
  else if (path.rfind("$HOME", 0) == 0) path = std::string(g_get_home_dir()) + path.substr(5);
  else if (path.rfind("$TMP", 0) == 0) path = std::string(g_get_tmp_dir()) + path.substr(4);
  else if (!path.empty() && path[0] != '/') path = resources + "/" + path;
  return path;
}

Permissions::Failure errnoFailure(int code) { return Permissions::Failure{false, code, ""}; }
}  // namespace

// The paths an absolute link target may start with and stay inside: none for a single picked file.
std::vector<std::string> Permissions::prefixesOf(const Root &root) { return root.file ? std::vector<std::string>{} : root.prefixes; }

Permissions::Permissions(const Config &config, const std::string &resources, const std::string &bundleId)
    : resources_(normalisePath(resources)) {
  add(resources, Access::Read, false);
  for (const char *base : {g_get_user_data_dir(), g_get_user_config_dir(), g_get_user_cache_dir()})
    add(std::string(base) + "/" + bundleId, Access::Write, true);
  // socket.ini: `[filesystem] allow[] = DIR` (read and write), `read[] = DIR` (read only). Arrays are
  // space-separated after flattening; quote-free paths only.
  auto addList = [&](const std::string &key, Access access) {
    gchar **items = g_strsplit_set(config.get(key).c_str(), " ,", -1);
    for (gchar **item = items; *item; item++)
      if (**item) add(expand(*item, resources), access, false);
    g_strfreev(items);
  };
  addList("filesystem_allow", Access::Write);
  addList("filesystem_read", Access::Read);
}

Permissions::~Permissions() {
  for (auto &root : roots_)
    if (root->fd >= 0) ::close(root->fd);
}

void Permissions::add(const std::string &path, Access access, bool create) {
  auto root = std::make_unique<Root>();
  root->path = normalisePath(path);
  root->prefixes = {root->path};
  std::string real = realOrParent(root->path);
  if (real != root->path) root->prefixes.push_back(real);
  root->access = access;
  root->create = create;
  // Held from the start, so the folder the app was granted is the one it keeps (a missing one opens on first use).
  root->fd = ::open(real.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  std::lock_guard<std::mutex> lock(mutex_);
  roots_.push_back(std::move(root));
}

void Permissions::grant(const std::string &path, Access access) {
  struct stat info;
  std::string normal = normalisePath(path);
  if (::stat(normal.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) return add(normal, access, false);
  // A picked file (or a save dialog's new name): that one name in its folder, nothing beside it.
  auto slash = normal.rfind('/');
  auto root = std::make_unique<Root>();
  root->path = normal;
  root->prefixes = {normal};
  root->access = access;
  root->file = true;
  root->name = normal.substr(slash + 1);
  std::string folder = slash == 0 ? "/" : normal.substr(0, slash);
  root->fd = ::open(realOrParent(folder).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  std::lock_guard<std::mutex> lock(mutex_);
  roots_.push_back(std::move(root));
}

std::vector<std::string> Permissions::roots() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (auto &root : roots_) out.push_back(root->path);
  return out;
}

std::string Permissions::absolute(const std::string &path) const {
  return normalisePath(path[0] == '/' ? path : resources_ + "/" + path);
}

bool Permissions::select(const std::string &path, const std::string &absolute, Access access, Match &match,
                         Failure &failure) const {
  size_t best = 0;
  bool readOnly = false;
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto &root : roots_) {
    for (auto &prefix : root->prefixes) {
      std::string relative;
      if (root->file ? absolute != prefix : !below(absolute, prefix, relative)) continue;
      if (access == Access::Write && root->access == Access::Read) { readOnly = true; continue; }
      if (match.root && prefix.size() <= best) continue;
      best = prefix.size();
      match.root = root.get();
      match.relative = root->file ? root->name : relative;
    }
  }
  if (match.root) return true;
  failure.denied = true;
  if (access == Access::Write && readOnly)
    failure.message = "writing " + path + " is not allowed: the app may only read that folder (grant writing with [filesystem] allow[] in socket.ini)";
  else
    failure.message = std::string(access == Access::Write ? "writing " : "reading ") + path +
                      " is not allowed: it is outside the app's folders (grant it with [filesystem] allow[] in socket.ini)";
  return false;
}

int Permissions::rootFd(const Root &root, Access access, Failure &failure) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (root.fd >= 0) return root.fd;
  const std::string &real = root.prefixes.back();
  int fd = ::open(real.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  // The app's own data, config and cache folders are made when it first writes to them.
  if (fd < 0 && errno == ENOENT && root.create && access == Access::Write && g_mkdir_with_parents(real.c_str(), 0700) == 0)
    fd = ::open(real.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    failure = errnoFailure(errno);
    return -1;
  }
  root.fd = fd;
  return fd;
}

namespace {
// EXDEV from the resolver: the path leads out of its root through a link (or ".." in a link's target).
Permissions::Failure outsideFailure(const std::string &path, int code) {
  if (code != EXDEV) return errnoFailure(code);
  return Permissions::Failure{true, 0, path + " is not allowed: a symbolic link on the way leads outside the app's folders "
                                          "(links are followed only while they stay inside the folder they are in)"};
}
}  // namespace

int Permissions::open(const std::string &path, Access access, int flags, mode_t mode, Failure &failure,
                      bool *writable) const {
  if (path.empty()) return failure = errnoFailure(ENOENT), -1;
  if (path.find('\0') != std::string::npos) return failure = Failure{true, 0, "the path contains a NUL byte"}, -1;
  Match match;
  std::string full = absolute(path);
  if (!select(path, full, access, match, failure)) return -1;
  if (writable) {
    Match any;
    Failure ignored;
    *writable = access == Access::Write || select(path, full, Access::Write, any, ignored);
  }
  int root = rootFd(*match.root, access, failure);
  if (root < 0) return -1;
  BeneathRequest request{root, prefixesOf(*match.root),
                         match.relative, flags, mode, (flags & O_NOFOLLOW) == 0};
  int fd = openBeneath(request);
  if (fd < 0) return failure = outsideFailure(path, -fd), -1;
  return fd;
}

int Permissions::openParent(const std::string &path, Access access, std::string &name, Failure &failure) const {
  if (path.empty()) return failure = errnoFailure(ENOENT), -1;
  if (path.find('\0') != std::string::npos) return failure = Failure{true, 0, "the path contains a NUL byte"}, -1;
  Match match;
  if (!select(path, absolute(path), access, match, failure)) return -1;
  int root = rootFd(*match.root, access, failure);
  if (root < 0) return -1;
  auto slash = match.relative.rfind('/');
  name = slash == std::string::npos ? match.relative : match.relative.substr(slash + 1);
  BeneathRequest request{root, prefixesOf(*match.root),
                         slash == std::string::npos ? "" : match.relative.substr(0, slash), O_PATH | O_DIRECTORY, 0, true};
  int fd = openBeneath(request);
  if (fd < 0) return failure = outsideFailure(path, -fd), -1;
  return fd;
}

bool Permissions::makeDirectories(const std::string &path, mode_t mode, Failure &failure) const {
  if (path.empty()) return failure = errnoFailure(ENOENT), false;
  if (path.find('\0') != std::string::npos) return failure = Failure{true, 0, "the path contains a NUL byte"}, false;
  Match match;
  if (!select(path, absolute(path), Access::Write, match, failure)) return false;
  int root = rootFd(*match.root, Access::Write, failure);
  if (root < 0) return false;
  // One level at a time from the folder made last; a level that is a symbolic link (an existing one, or one
  // swapped in since the mkdir) fails the O_NOFOLLOW open and is opened again from the root like any path.
  std::string sofar;
  UniqueFd current(openBeneath(BeneathRequest{root, prefixesOf(*match.root), "", O_PATH | O_DIRECTORY, 0, true}));
  if (!current) return failure = errnoFailure(-current.get()), false;
  for (auto &part : splitPath(match.relative)) {
    if (::mkdirat(current.get(), part.c_str(), mode) != 0 && errno != EEXIST) return failure = errnoFailure(errno), false;
    sofar += (sofar.empty() ? "" : "/") + part;
    int next = ::openat(current.get(), part.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0 && (errno == ELOOP || errno == ENOTDIR))
      next = openBeneath(BeneathRequest{root, prefixesOf(*match.root), sofar, O_PATH | O_DIRECTORY, 0, true});
    else if (next < 0)
      next = -errno;
    if (next < 0) return failure = outsideFailure(path, -next), false;
    current = UniqueFd(next);
  }
  return true;
}

bool Permissions::linkTargetAllowed(int parent, const std::string &target) const {
  if (target.empty() || target.find('\0') != std::string::npos) return false;
  std::string folder = pathOfDescriptor(parent);
  if (folder.empty() || folder[0] != '/') return false;
  std::string lands = normalisePath(target[0] == '/' ? target : folder + "/" + target);
  Match match;
  Failure ignored;
  return select(target, lands, Access::Read, match, ignored);
}

bool Permissions::check(const std::string &path, Access access, std::string &resolved, std::string &error) const {
  std::string name;
  Failure failure;
  UniqueFd parent(openParent(path, access, name, failure));
  if (!parent) {
    error = failure.denied ? failure.message : path + ": " + g_strerror(failure.code);
    return false;
  }
  std::string folder = pathOfDescriptor(parent.get());
  resolved = name.empty() ? folder : (folder == "/" ? "" : folder) + "/" + name;
  return true;
}

}  // namespace host
