// SOCKET_TRACE_STARTUP=1: the host prints each startup phase to stderr with the time since main() began, so a
// cold start can be split into GTK init, config, WebKit context, window, first requests and DOMContentLoaded.
// Off (the default) each call is one test of a cached flag.
#pragma once
#include <string>

namespace host {

bool startupTraceEnabled();
// Prints "socket-host: trace <ms> ms <phase>" (ms since main(), monotonic clock) when tracing is on.
void tracePhase(const std::string &phase);

}  // namespace host
