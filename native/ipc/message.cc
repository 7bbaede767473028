#include "ipc/message.hh"

#include <charconv>

namespace ipc {

const std::string* Message::param (std::string_view name) const {
  const auto it = params.find(std::string(name));
  return it == params.end() ? nullptr : &it->second;
}

static int hexValue (char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percentDecode (std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') { out += text[i]; continue; }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hexValue(text[i + 1]);
    const int low = hexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>((high << 4) | low);
    i += 2;
  }
  return out;
}

std::string percentEncode (std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
      c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
    if (plain) { out += ch; continue; }
    out += '%';
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

std::optional<Message> Message::parse (std::string_view uri, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Message> {
    if (error) *error = why;
    return std::nullopt;
  };
  constexpr std::string_view scheme = "ipc://";
  if (uri.substr(0, scheme.size()) == scheme) uri.remove_prefix(scheme.size());
  const auto question = uri.find('?');
  std::string_view route = uri.substr(0, question);
  // Some clients send `ipc://fs.open/?…`; a trailing slash is not part of the route.
  while (!route.empty() && route.back() == '/') route.remove_suffix(1);
  if (route.empty()) return fail("the request names no route");
  Message message;
  message.route = std::string(route);
  if (question == std::string_view::npos) return message;
  std::string_view query = uri.substr(question + 1);
  const auto hash = query.find('#');
  if (hash != std::string_view::npos) query = query.substr(0, hash);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto key = percentDecode(pair.substr(0, equals));
    const auto value = percentDecode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1));
    if (!key || !value) return fail("malformed percent-encoding in the query");
    // The first occurrence wins, so a repeated key cannot override a validated one later.
    message.params.emplace(*key, *value);
  }
  if (const auto* seq = message.param("seq")) message.seq = *seq;
  if (const auto* index = message.param("index")) {
    int value = -1;
    const auto result = std::from_chars(index->data(), index->data() + index->size(), value);
    if (result.ec != std::errc() || result.ptr != index->data() + index->size()) return fail("index must be an integer");
    message.index = value;
  }
  return message;
}

}  // namespace ipc
