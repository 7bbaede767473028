#include "linux/random_hex.hh"

#include <glib.h>
#include <sys/random.h>

#include <cstdio>

namespace host {

std::string randomHex(size_t count) {
  unsigned char bytes[64];
  if (count > sizeof bytes) count = sizeof bytes;
  if (getrandom(bytes, count, 0) != static_cast<ssize_t>(count)) {
    for (size_t i = 0; i < count; i++) bytes[i] = static_cast<unsigned char>(g_random_int());  // only before the kernel pool is ready
  }
  std::string out;
  char hex[3];
  for (size_t i = 0; i < count; i++) {
    std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
    out += hex;
  }
  return out;
}

}  // namespace host
