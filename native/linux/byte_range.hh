// The `Range` request header of socket:// (RFC 9110 §14.2): what part of a file of known size to send. Media
// elements seek with it (`<video>`, `<audio>`), and so may a page's fetch().
#pragma once
#include <sys/types.h>

#include <string>

namespace host {

struct ByteRange {
  enum Kind { Whole, Part, Unsatisfiable };
  Kind kind = Whole;
  off_t start = 0;   // Part: the first byte
  off_t length = 0;  // Part: how many bytes, at least 1
};

// `header` is the request's Range value (empty: none). One range of bytes is a Part (clamped to the file); a range
// starting at or past the end (or `-0`) is Unsatisfiable (416). Anything else (another unit, several ranges,
// bad syntax) is ignored, as the RFC allows: the whole file with 200.
ByteRange parseByteRange(const std::string &header, off_t size);
// "bytes 0-99/1234" for a Part, "bytes */1234" for Unsatisfiable: the Content-Range of the answer.
std::string contentRange(const ByteRange &range, off_t size);

}  // namespace host
