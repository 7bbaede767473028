#include "ipc/utf8.hh"

namespace ipc {

bool isValidUtf8 (std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int length = 0;
    unsigned min = 0;
    unsigned codepoint = 0;
    if ((c & 0xE0) == 0xC0) { length = 2; min = 0x80; codepoint = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { length = 3; min = 0x800; codepoint = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { length = 4; min = 0x10000; codepoint = c & 0x07; }
    else return false;
    if (end - p < length) return false;
    for (int i = 1; i < length; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      codepoint = (codepoint << 6) | (p[i] & 0x3F);
    }
    if (codepoint < min || codepoint > 0x10FFFF) return false;
    if (codepoint >= 0xD800 && codepoint <= 0xDFFF) return false;
    p += length;
  }
  return true;
}

}  // namespace ipc
