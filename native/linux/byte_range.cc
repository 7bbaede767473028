#include "linux/byte_range.hh"

#include <cctype>
#include <cstdint>
#include <strings.h>

namespace host {

namespace {
std::string trim(const std::string &text) {
  size_t start = text.find_first_not_of(" \t");
  if (start == std::string::npos) return "";
  return text.substr(start, text.find_last_not_of(" \t") - start + 1);
}

// Decimal digits only (no sign, no spaces); a value past INT64_MAX saturates there, which is past any file's end.
bool parseDigits(const std::string &text, int64_t &out) {
  if (text.empty()) return false;
  out = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    int digit = c - '0';
    out = out > (INT64_MAX - digit) / 10 ? INT64_MAX : out * 10 + digit;
  }
  return true;
}
}  // namespace

ByteRange parseByteRange(const std::string &header, off_t size) {
  ByteRange whole;
  std::string value = trim(header);
  if (value.size() < 6 || strncasecmp(value.c_str(), "bytes=", 6) != 0) return whole;
  std::string spec = trim(value.substr(6));
  if (spec.find(',') != std::string::npos) return whole;  // several ranges: the whole file instead
  size_t dash = spec.find('-');
  if (dash == std::string::npos) return whole;
  std::string first = trim(spec.substr(0, dash)), last = trim(spec.substr(dash + 1));
  int64_t a = 0, b = 0;
  ByteRange out;
  if (first.empty()) {  // "-n": the last n bytes
    if (!parseDigits(last, b)) return whole;
    if (b == 0 || size == 0) return out.kind = ByteRange::Unsatisfiable, out;
    out.kind = ByteRange::Part;
    out.start = b >= size ? 0 : size - b;
    out.length = size - out.start;
    return out;
  }
  if (!parseDigits(first, a)) return whole;
  if (last.empty()) {
    b = INT64_MAX;
  } else if (!parseDigits(last, b) || b < a) {
    return whole;  // "5-3" is not a range
  }
  if (a >= size) return out.kind = ByteRange::Unsatisfiable, out;
  out.kind = ByteRange::Part;
  out.start = a;
  out.length = (b >= size - 1 ? size - 1 : b) - a + 1;
  return out;
}

std::string contentRange(const ByteRange &range, off_t size) {
  if (range.kind != ByteRange::Part) return "bytes */" + std::to_string(size);
  return "bytes " + std::to_string(range.start) + "-" + std::to_string(range.start + range.length - 1) + "/" +
         std::to_string(size);
}

}  // namespace host
