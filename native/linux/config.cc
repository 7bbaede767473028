#include "linux/config.hh"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace host {

namespace {
// A small reader for the one shape this file has: {"key": "value", ...}. Numbers, booleans and null are
// kept as their text, so a hand-written config with `"window_width": 800` still works.
struct Reader {
  const std::string &text;
  size_t at = 0;
  std::string error;

  void space() { while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) at++; }
  bool fail(const std::string &what) { error = what + " at offset " + std::to_string(at); return false; }
  bool expect(char c) { space(); if (at < text.size() && text[at] == c) { at++; return true; } return fail(std::string("expected '") + c + "'"); }

  static void utf8(std::string &out, unsigned code) {
    if (code < 0x80) out += char(code);
    else if (code < 0x800) { out += char(0xC0 | (code >> 6)); out += char(0x80 | (code & 0x3F)); }
    else if (code < 0x10000) { out += char(0xE0 | (code >> 12)); out += char(0x80 | ((code >> 6) & 0x3F)); out += char(0x80 | (code & 0x3F)); }
    else { out += char(0xF0 | (code >> 18)); out += char(0x80 | ((code >> 12) & 0x3F)); out += char(0x80 | ((code >> 6) & 0x3F)); out += char(0x80 | (code & 0x3F)); }
  }

  bool hex4(unsigned &code) {
    if (at + 4 > text.size()) return fail("short \\u escape");
    code = std::strtoul(text.substr(at, 4).c_str(), nullptr, 16);
    at += 4;
    return true;
  }

  bool string(std::string &out) {
    if (!expect('"')) return false;
    while (at < text.size() && text[at] != '"') {
      char c = text[at++];
      if (c != '\\') { out += c; continue; }
      if (at >= text.size()) break;
      char e = text[at++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          unsigned code;
          if (!hex4(code)) return false;
          if (code >= 0xD800 && code < 0xDC00 && at + 6 <= text.size() && text[at] == '\\' && text[at + 1] == 'u') {
            at += 2;
            unsigned low;
            if (!hex4(low)) return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          utf8(out, code);
          break;
        }
        default: out += e;
      }
    }
    if (at >= text.size()) return fail("unterminated string");
    at++;
    return true;
  }

  bool scalar(std::string &out) {
    space();
    if (at < text.size() && text[at] == '"') return string(out);
    size_t start = at;
    while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ' ' && text[at] != '\n') at++;
    out = text.substr(start, at - start);
    if (out.empty()) return fail("expected a value");
    return true;
  }
};
}  // namespace

bool Config::load(const std::string &path, std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = "cannot read " + path;
    return false;
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  if (!parse(buffer.str(), error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

bool Config::parse(const std::string &text, std::string &error) {
  Reader reader{text, 0, {}};
  if (!reader.expect('{')) return error = reader.error, false;
  reader.space();
  if (reader.at < text.size() && text[reader.at] == '}') return true;
  while (true) {
    std::string key, value;
    if (!reader.string(key) || !reader.expect(':') || !reader.scalar(value)) return error = reader.error, false;
    values_[key] = value;
    reader.space();
    if (reader.at < text.size() && text[reader.at] == ',') { reader.at++; continue; }
    if (!reader.expect('}')) return error = reader.error, false;
    return true;
  }
}

std::string Config::get(const std::string &key, const std::string &fallback) const {
  auto found = values_.find(key);
  return found == values_.end() ? fallback : found->second;
}

bool Config::flag(const std::string &key, bool fallback) const {
  auto value = get(key);
  if (value == "true" || value == "1" || value == "yes") return true;
  if (value == "false" || value == "0" || value == "no") return false;
  return fallback;
}

long Config::number(const std::string &key, long fallback) const {
  auto value = get(key);
  if (value.empty()) return fallback;
  char *end = nullptr;
  long parsed = std::strtol(value.c_str(), &end, 10);
  return end && *end == '\0' ? parsed : fallback;
}

namespace {
#include "linux/config_keys.inc"
}  // namespace

std::vector<std::string> Config::unknownKeys() const {
  std::vector<std::string> unknown;
  for (auto &[key, value] : values_) {
    bool known = false;
    for (const char *name : kKnownConfigKeys) known = known || key == name;
    for (const char *prefix : kOpenConfigPrefixes) known = known || key.rfind(prefix, 0) == 0;
    if (!known) unknown.push_back(key);
  }
  return unknown;
}

std::string Config::json() const {
  std::string out = "{";
  for (auto &[key, value] : values_) {
    if (out.size() > 1) out += ',';
    out += jsonQuote(key) + ':' + jsonQuote(value);
  }
  return out + "}";
}

std::string jsonQuote(const std::string &text) {
  std::string out = "\"";
  const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
  size_t n = text.size();
  for (size_t i = 0; i < n; i++) {
    unsigned char c = bytes[i];
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) { char buf[8]; snprintf(buf, sizeof buf, "\\u%04x", c); out += buf; }
    else if (c < 0x80) out += char(c);
    else {
      // Copy a valid UTF-8 sequence; replace anything else, so the output is always valid JSON text.
      int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      bool ok = len > 0 && i + len <= n && c >= 0xC2 && c <= 0xF4;
      for (int k = 1; ok && k < len; k++) ok = (bytes[i + k] & 0xC0) == 0x80;
      if (ok) { out.append(text, i, len); i += len - 1; }
      else out += "\xEF\xBF\xBD";
    }
  }
  return out + "\"";
}

}  // namespace host
