// libFuzzer: the strict JSON parser. Whatever it accepts must serialize to text it accepts again, unchanged
// (the serializer is deterministic), and every refusal says why.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ipc/json.hh"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  std::string error;
  auto value = ipc::Json::parse(text, &error);
  if (!value) {
    if (error.empty()) abort();
    return 0;
  }
  std::string once = value->stringify();
  auto again = ipc::Json::parse(once, &error);
  if (!again) abort();
  if (again->stringify() != once) abort();
  return 0;
}
