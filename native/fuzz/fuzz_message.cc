// libFuzzer: the ipc:// request parser. Any bytes give a message or an error, never a crash; a parsed message
// names a route and its index, if any, came from a well-formed integer.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ipc/message.hh"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view uri(reinterpret_cast<const char *>(data), size);
  std::string error;
  auto message = ipc::Message::parse(uri, &error);
  if (!message) {
    if (error.empty()) abort();  // a refusal always says why
    return 0;
  }
  if (message->route.empty() || message->route.back() == '/') abort();
  if (message->index != -1 && !message->param("index")) abort();
  if (const auto *seq = message->param("seq"); seq && *seq != message->seq) abort();
  return 0;
}
