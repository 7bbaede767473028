// The conduit's binary frame, as the original encodes it: u8 option count; per option u8 key length, key,
// u16 big-endian value length, value; then u16 big-endian payload length and the payload.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace host {

struct ConduitFrame {
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<uint8_t> payload;
};

// nullopt for a truncated frame, trailing bytes, or more than 255 options.
std::optional<ConduitFrame> decodeConduitFrame(const uint8_t *data, size_t size);
// False when an option or the payload does not fit its length field.
bool encodeConduitFrame(const ConduitFrame &frame, std::vector<uint8_t> &out);

}  // namespace host
