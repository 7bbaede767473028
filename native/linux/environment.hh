// What a page may do with environment variables. Reads are limited to `[build] env` (and what the page set
// itself); writes never touch the host's own environment (so the web processes WebKit starts for new windows
// inherit nothing a page set) and only reach the backend and child processes, minus every variable that makes
// a program load code, which no page can set, whatever socket.ini grants.
#pragma once
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace host {

class Config;

// True for names that make the dynamic loader, GTK/GIO/WebKit/GStreamer, shells or language runtimes load or
// run code (LD_PRELOAD, GIO_EXTRA_MODULES, NODE_OPTIONS, BASH_ENV, PATH, ...). The list is in docs/security.md.
bool loadsCode(const std::string &name);

class PageEnvironment {
 public:
  explicit PageEnvironment(const Config &config);

  // The variables `[build] env` names (comma or space separated).
  const std::vector<std::string> &exposed() const { return exposed_; }
  // Whether a page may read `name`: it is exposed, or the page set it.
  bool readable(const std::string &name) const;
  // The value a page sees: what it set, else the host's.
  bool get(const std::string &name, std::string &value) const;
  // Records a page's write; false with `error` for a name that loads code.
  bool set(const std::string &name, const std::string &value, std::string &error);
  // The environment for a backend or a child: the host's, then what pages set; names that load code are
  // taken from the host's own start environment only.
  std::vector<std::string> forChild() const;
  // Checks a child's explicit "NAME=value" list: a name that loads code may only carry the host's own value.
  bool checkChildEntries(const std::vector<std::string> &entries, std::string &error) const;

 private:
  std::vector<std::string> exposed_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> set_;
};

}  // namespace host
