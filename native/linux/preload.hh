// The script injected at document start in every frame of the app's own origin: __args, console forwarding,
// the native-to-JS event entry point, error reporting and (test mode) the test file import.
#pragma once
#include <string>

namespace host {

struct PreloadInput {
  std::string configJson;  // flat {"key":"value"} of socket.ini (coerced in JS)
  std::string argvJson;    // ["host", "--flag", ...]
  std::string envJson;     // {"NAME":"value"} of the allowed environment
  int index = 0;
  bool debug = false;
  bool headless = false;
  std::string testUrl;     // non-empty in window 0 of a --test run
  bool trace = false;      // SOCKET_TRACE_STARTUP: post the page's phases to the __trace channel
  std::string secret;      // prefixed to every script message, so the host can tell the preload's from a foreign frame's
};

std::string buildPreload(const PreloadInput &input);

}  // namespace host
