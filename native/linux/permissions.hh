// Which files a page may touch: the app's own folder (read only), its data, config and cache folders, what
// socket.ini grants ([filesystem] allow[] / read[]), and what the user picked in a file dialog.
#pragma once
#include <mutex>
#include <string>
#include <vector>

namespace host {

class Config;

class Permissions {
 public:
  enum class Access { Read, Write };

  Permissions(const Config &config, const std::string &resources, const std::string &bundleId);

  // Resolves `path` (relative paths are relative to the resources folder) and checks it. On success `resolved`
  // is the absolute path to use; on refusal returns false with a message naming the path.
  bool check(const std::string &path, Access access, std::string &resolved, std::string &error) const;
  // A path the user chose in a picker: granted for the rest of the run.
  void grant(const std::string &path, Access access);
  std::vector<std::string> roots() const;

 private:
  struct Root {
    std::string path;
    Access access;
  };
  void add(const std::string &path, Access access);
  std::string resources_;
  mutable std::mutex mutex_;
  std::vector<Root> roots_;
};

// Lexically normalises an absolute path ("/a/./b/../c" -> "/a/c").
std::string normalisePath(const std::string &path);

}  // namespace host
