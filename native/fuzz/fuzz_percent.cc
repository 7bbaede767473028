// libFuzzer: percent decoding. Decoding never reads past the end, and decode(encode(x)) gives x back for any
// bytes x.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ipc/message.hh"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  auto decoded = ipc::percentDecode(text);
  if (decoded && decoded->size() > text.size()) abort();
  auto back = ipc::percentDecode(ipc::percentEncode(text));
  if (!back || *back != text) abort();
  return 0;
}
