// ipc::Message: one decoded request, `ipc://<route>?seq=R<n>&index=<w>&<arg>=<value>…` plus its body.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipc {

struct Message {
  std::string route;                          // "fs.open", as sent (lookup is case-insensitive)
  std::map<std::string, std::string> params;  // percent-decoded; the raw bytes, not yet UTF-8 checked
  std::string seq;                            // "R17" as sent, empty if absent
  int index = -1;                             // window index, -1 if absent
  std::vector<uint8_t> body;                  // binary argument (POST body)

  const std::string* param (std::string_view name) const;

  // Parses `ipc://route?query` (also accepts `route?query`). On malformed input returns nullopt with *error.
  static std::optional<Message> parse (std::string_view uri, std::string* error = nullptr);
};

// Percent-decodes one query component. `+` is kept literally: the wire encodes spaces as %20 only.
std::optional<std::string> percentDecode (std::string_view text);

// Percent-encodes like JavaScript's encodeURIComponent (used by hosts that build URIs natively).
std::string percentEncode (std::string_view text);

}  // namespace ipc
