// ipc::Context: who is calling (window, seq) and where native-to-JS events for that window go.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ipc/json.hh"

namespace ipc {

// Implemented by the host for each window. Must be callable from any thread (the host marshals to its loop).
class EventSink {
 public:
  virtual ~EventSink () = default;
  // Dispatches `CustomEvent(name, {detail})` on the window's globalThis.
  virtual void emit (const std::string& name, const Json& detail) = 0;
  // Dispatches `CustomEvent(name, {detail: {params, data: <Uint8Array of bytes>}})`: the original's binary
  // "firehose" (udp datagrams arrive as name "data" with params {source: "udp.readStart", data: {...}}).
  virtual void emitBinary (const std::string& name, const Json& params, std::vector<uint8_t> bytes) = 0;
};

// Implemented by the host: whether this app grants a permission named by an IDL `[Permission=<name>]`
// (socket.ini `[permissions] allow_<name>`, with the default the host documents for each name).
class PermissionPolicy {
 public:
  virtual ~PermissionPolicy () = default;
  virtual bool allows (const std::string& permission) const = 0;
};

struct Context {
  int index = -1;                      // window index of the caller
  std::string seq;                     // "R17"
  std::shared_ptr<EventSink> events;   // may be null (tests, headless tools): emits are then dropped
  // May be null: then every route that names a permission is refused (nothing is granted by accident).
  std::shared_ptr<const PermissionPolicy> permissions;
  // Set only by a transport that can pass a descriptor to the page's process (Linux: native/linux/fast_read.cc).
  // fs.readFile of a regular file then hands it the file, opened read-only with every usual check, instead of
  // reading it; the callee owns the descriptor.
  std::function<void(int fd)> readDescriptor;
};

}  // namespace ipc
