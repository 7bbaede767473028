#include "linux/startup_trace.hh"

#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace host {

namespace {
double monotonicMs() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

// The kernel's start time of this process (clock ticks since boot) against CLOCK_BOOTTIME: how long exec and
// the dynamic loader took before main(), to the tick (usually 10 ms).
double msSinceExec() {
  FILE *stat = std::fopen("/proc/self/stat", "r");
  if (!stat) return -1;
  char line[1024];
  size_t got = std::fread(line, 1, sizeof line - 1, stat);
  std::fclose(stat);
  line[got] = '\0';
  const char *field = std::strrchr(line, ')');  // the command name may hold spaces: count fields after it
  for (int i = 2; field && i < 22; i++) field = std::strchr(field + 1, ' ');
  if (!field) return -1;
  double started = std::strtod(field + 1, nullptr) * 1000.0 / sysconf(_SC_CLK_TCK);
  timespec now;
  clock_gettime(CLOCK_BOOTTIME, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6 - started;
}

// Read once, at the first call (main() makes it first): then the origin of every timestamp.
const double kMainMs = monotonicMs();
const bool kEnabled = [] {
  const char *value = std::getenv("SOCKET_TRACE_STARTUP");
  return value && *value && std::strcmp(value, "0") != 0;
}();
}  // namespace

bool startupTraceEnabled() { return kEnabled; }

void tracePhase(const std::string &phase) {
  if (!kEnabled) return;
  if (phase == "main") {
    std::fprintf(stderr, "socket-host: trace 0.0 ms main (%.0f ms after exec, to the clock tick; monotonic %.3f ms)\n", msSinceExec(), kMainMs);
  } else {
    std::fprintf(stderr, "socket-host: trace %.1f ms %s\n", monotonicMs() - kMainMs, phase.c_str());
  }
  std::fflush(stderr);
}

}  // namespace host
