// libFuzzer: UTF-8 validation, checked against the table of well-formed byte sequences in the Unicode Standard
// (chapter 3, table 3-7), written here as ranges rather than as the decoder the host uses.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ipc/utf8.hh"

namespace {
struct Row {
  uint8_t lo[4], hi[4];
  int length;
};
// Each row: the allowed range of each byte of one form of well-formed sequence.
constexpr Row kTable[] = {
  {{0x00}, {0x7F}, 1},
  {{0xC2, 0x80}, {0xDF, 0xBF}, 2},
  {{0xE0, 0xA0, 0x80}, {0xE0, 0xBF, 0xBF}, 3},
  {{0xE1, 0x80, 0x80}, {0xEC, 0xBF, 0xBF}, 3},
  {{0xED, 0x80, 0x80}, {0xED, 0x9F, 0xBF}, 3},
  {{0xEE, 0x80, 0x80}, {0xEF, 0xBF, 0xBF}, 3},
  {{0xF0, 0x90, 0x80, 0x80}, {0xF0, 0xBF, 0xBF, 0xBF}, 4},
  {{0xF1, 0x80, 0x80, 0x80}, {0xF3, 0xBF, 0xBF, 0xBF}, 4},
  {{0xF4, 0x80, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, 4},
};

bool wellFormed(const uint8_t *data, size_t size) {
  size_t at = 0;
  while (at < size) {
    bool matched = false;
    for (const auto &row : kTable) {
      if (size - at < static_cast<size_t>(row.length)) continue;
      bool fits = true;
      for (int i = 0; i < row.length && fits; i++) fits = data[at + i] >= row.lo[i] && data[at + i] <= row.hi[i];
      if (!fits) continue;
      at += row.length;
      matched = true;
      break;
    }
    if (!matched) return false;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  if (ipc::isValidUtf8(text) != wellFormed(data, size)) abort();
  return 0;
}
