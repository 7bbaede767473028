#include "linux/permissions.hh"

#include <glib.h>
#include <limits.h>
#include <stdlib.h>

#include "linux/config.hh"

namespace host {

std::string normalisePath(const std::string &path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") { if (!parts.empty()) parts.pop_back(); }
    else if (!part.empty() && part != ".") parts.push_back(part);
    start = end + 1;
  }
  std::string out;
  for (auto &part : parts) out += "/" + part;
  return out.empty() ? "/" : out;
}

namespace {
// Follows symlinks as far as the path exists, then appends the rest: a link inside an allowed folder that
// points outside it is judged by where it points.
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

bool inside(const std::string &path, const std::string &root) {
  return path == root || root == "/" || path.rfind(root + "/", 0) == 0;
}

std::string expand(std::string path, const std::string &resources) {
  if (path.rfind("~/", 0) == 0 || path == "~") path = std::string(g_get_home_dir()) + path.substr(1);
  else if (path.rfind("$HOME", 0) == 0) path = std::string(g_get_home_dir()) + path.substr(5);
  else if (path.rfind("$TMP", 0) == 0) path = std::string(g_get_tmp_dir()) + path.substr(4);
  else if (!path.empty() && path[0] != '/') path = resources + "/" + path;
  return path;
}
}  // namespace

Permissions::Permissions(const Config &config, const std::string &resources, const std::string &bundleId)
    : resources_(resources) {
  add(resources, Access::Read);
  for (const char *base : {g_get_user_data_dir(), g_get_user_config_dir(), g_get_user_cache_dir()})
    add(std::string(base) + "/" + bundleId, Access::Write);
  // socket.ini: `[filesystem] allow[] = DIR` (read and write), `read[] = DIR` (read only). Arrays are
  // space-separated after flattening; quote-free paths only.
  auto addList = [&](const std::string &key, Access access) {
    gchar **items = g_strsplit_set(config.get(key).c_str(), " ,", -1);
    for (gchar **item = items; *item; item++)
      if (**item) add(expand(*item, resources), access);
    g_strfreev(items);
  };
  addList("filesystem_allow", Access::Write);
  addList("filesystem_read", Access::Read);
}

void Permissions::add(const std::string &path, Access access) {
  std::lock_guard<std::mutex> lock(mutex_);
  roots_.push_back({realOrParent(normalisePath(path)), access});
}

void Permissions::grant(const std::string &path, Access access) { add(path, access); }

std::vector<std::string> Permissions::roots() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (auto &root : roots_) out.push_back(root.path);
  return out;
}

bool Permissions::check(const std::string &path, Access access, std::string &resolved, std::string &error) const {
  if (path.empty()) return error = "the path is empty", false;
  if (path.find('\0') != std::string::npos) return error = "the path contains a NUL byte", false;
  std::string absolute = path[0] == '/' ? path : resources_ + "/" + path;
  resolved = normalisePath(absolute);
  std::string real = realOrParent(resolved);
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto &root : roots_) {
    if (!inside(real, root.path)) continue;
    if (access == Access::Write && root.access == Access::Read) continue;
    return true;
  }
  error = std::string(access == Access::Write ? "writing " : "reading ") + path +
          " is not allowed: it is outside the app's folders (grant it with [filesystem] allow[] in socket.ini)";
  return false;
}

}  // namespace host
