#include "linux/options.hh"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <string_view>

namespace host {

static std::string executableDirectory() {
  char buffer[PATH_MAX];
  ssize_t size = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (size <= 0) return ".";
  std::string path(buffer, size);
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

bool parseOptions(int argc, char **argv, Options &options, std::string &error) {
  for (int i = 0; i < argc; i++) {
    std::string_view arg = argv[i];
    options.argv.emplace_back(arg);
    if (i == 0) continue;
    auto value = [&](std::string_view flag) { return std::string(arg.substr(flag.size())); };
    if (arg.starts_with("--resources=")) {
      options.resources = value("--resources=");
    } else if (arg.starts_with("--test=")) {
      options.test = value("--test=");
      if (options.test.empty()) return error = "--test needs a file: --test=FILE", false;
    } else if (arg.starts_with("--test-timeout=")) {
      char *end = nullptr;
      std::string text = value("--test-timeout=");
      long ms = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || ms < 0)
        return error = "--test-timeout must be a number of milliseconds >= 0 (0: no limit), got '" + text + "'", false;
      options.testTimeoutMs = ms;
    } else if (arg == "--test") {
      return error = "--test needs a file: --test=FILE", false;
    } else if (arg.starts_with("--host=")) {
      options.devHost = value("--host=");
    } else if (arg.starts_with("--port=")) {
      char *end = nullptr;
      std::string text = value("--port=");
      long port = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || port <= 0 || port > 65535)
        return error = "--port must be a number from 1 to 65535, got '" + text + "'", false;
      options.devPort = static_cast<int>(port);
    } else if (arg == "--headless") {
      options.headless = true;
    } else if (arg == "--debug" || arg == "--debug=1" || arg == "-D") {
      options.debug = true;
    }
  }
  if (options.resources.empty()) options.resources = executableDirectory();
  while (options.resources.size() > 1 && options.resources.back() == '/') options.resources.pop_back();
  char resolved[PATH_MAX];
  if (realpath(options.resources.c_str(), resolved)) options.resources = resolved;
  if (!options.devHost.empty() && options.devPort == 0) options.devPort = 80;
  if (options.devPort != 0 && options.devHost.empty()) options.devHost = "localhost";
  return true;
}

}  // namespace host
