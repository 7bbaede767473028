// Secrets: random bytes from the kernel's CSPRNG (getrandom), as lowercase hex.
#pragma once
#include <cstddef>
#include <string>

namespace host {

// `bytes` random bytes as 2 * `bytes` hex digits (at most 64 bytes).
std::string randomHex(size_t bytes);

}  // namespace host
