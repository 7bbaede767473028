// UTF-8 validity, shared by the JSON parser and the argument decoders.
#pragma once

#include <string_view>

namespace ipc {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8 (std::string_view text);

}  // namespace ipc
