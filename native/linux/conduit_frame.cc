#include "linux/conduit_frame.hh"

namespace host {

std::optional<ConduitFrame> decodeConduitFrame(const uint8_t *data, size_t size) {
  size_t at = 0;
  auto u8 = [&](size_t &value) { if (at + 1 > size) return false; value = data[at++]; return true; };
  auto u16 = [&](size_t &value) {
    if (at + 2 > size) return false;
    value = (size_t(data[at]) << 8) | data[at + 1];
    at += 2;
    return true;
  };
  auto bytes = [&](size_t length, std::string &out) {
    if (length > size - at) return false;
    out.assign(reinterpret_cast<const char *>(data + at), length);
    at += length;
    return true;
  };
  ConduitFrame frame;
  size_t count = 0;
  if (!u8(count)) return std::nullopt;
  for (size_t i = 0; i < count; i++) {
    size_t keyLength = 0, valueLength = 0;
    std::string key, value;
    if (!u8(keyLength) || !bytes(keyLength, key) || !u16(valueLength) || !bytes(valueLength, value)) return std::nullopt;
    frame.options.emplace_back(std::move(key), std::move(value));
  }
  size_t payloadLength = 0;
  if (!u16(payloadLength) || payloadLength != size - at) return std::nullopt;
  frame.payload.assign(data + at, data + size);
  return frame;
}

bool encodeConduitFrame(const ConduitFrame &frame, std::vector<uint8_t> &out) {
  if (frame.options.size() > 255 || frame.payload.size() > 0xffff) return false;
  out.clear();
  out.push_back(static_cast<uint8_t>(frame.options.size()));
  for (const auto &[key, value] : frame.options) {
    if (key.size() > 255 || value.size() > 0xffff) return false;
    out.push_back(static_cast<uint8_t>(key.size()));
    out.insert(out.end(), key.begin(), key.end());
    out.push_back(static_cast<uint8_t>(value.size() >> 8));
    out.push_back(static_cast<uint8_t>(value.size() & 0xff));
    out.insert(out.end(), value.begin(), value.end());
  }
  out.push_back(static_cast<uint8_t>(frame.payload.size() >> 8));
  out.push_back(static_cast<uint8_t>(frame.payload.size() & 0xff));
  out.insert(out.end(), frame.payload.begin(), frame.payload.end());
  return true;
}

}  // namespace host
