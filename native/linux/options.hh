// Command-line flags of the host (Contract 4). Unknown flags pass through to __args.argv.
#pragma once
#include <string>
#include <vector>

namespace host {

struct Options {
  std::string resources;  // --resources=DIR, else the executable's directory
  std::string test;       // --test=FILE, imported in window 0 after load
  long testTimeoutMs = 300000;  // --test-timeout=MS: a test run still going after this exits 124 (0: never)
  std::string devHost;    // --host=H (with --port: load a dev server)
  int devPort = 0;        // --port=N
  bool headless = false;
  bool debug = false;
  std::vector<std::string> argv;  // everything, as given (argv[0] first)
};

// Returns false and fills `error` on a malformed flag (e.g. --port=abc).
bool parseOptions(int argc, char **argv, Options &options, std::string &error);

}  // namespace host
