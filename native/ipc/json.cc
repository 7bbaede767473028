#include "ipc/json.hh"
#include "ipc/utf8.hh"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace ipc {

const Json* Json::get (std::string_view key) const {
  if (!isObject()) return nullptr;
  for (const auto& [name, member] : asObject()) {
    if (name == key) return &member;
  }
  return nullptr;
}

Json& Json::set (std::string key, Json member) {
  if (isNull()) value = Object{};
  auto& object = std::get<Object>(value);
  for (auto& entry : object) {
    if (entry.first == key) { entry.second = std::move(member); return *this; }
  }
  object.emplace_back(std::move(key), std::move(member));
  return *this;
}

Json& Json::push (Json item) {
  if (isNull()) value = Array{};
  std::get<Array>(value).push_back(std::move(item));
  return *this;
}

void appendJsonString (std::string& out, std::string_view text) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// ECMAScript's Number::toString (what JSON.stringify writes), so every backend emits the same bytes for the
// same double: the shortest round-tripping digits, plain notation for exponents from -7 to 20
// (1e20 is "100000000000000000000", 1e21 is "1e+21", 1e-7 is "1e-7"), and -0 as "0".
static void appendNumber (std::string& out, double n) {
  // JSON has no NaN or Infinity; the decoders never produce them for restricted types.
  if (!std::isfinite(n)) { out += "null"; return; }
  if (n == 0) { out += "0"; return; }
  if (n < 0) { out += '-'; n = -n; }
  char buffer[40];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));  // "d.ddde+XX"
  const size_t e = text.find('e');
  std::string digits(text.substr(0, 1));
  if (e > 2) digits.append(text.substr(2, e - 2));
  const int k = static_cast<int>(digits.size());
  const int point = std::atoi(std::string(text.substr(e + 1)).c_str()) + 1;  // value = 0.digits × 10^point
  if (k <= point && point <= 21) {
    out += digits;
    out.append(static_cast<size_t>(point - k), '0');
  } else if (0 < point && point <= 21) {
    out.append(digits, 0, static_cast<size_t>(point));
    out += '.';
    out.append(digits, static_cast<size_t>(point), std::string::npos);
  } else if (-6 < point && point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) { out += '.'; out.append(digits, 1, std::string::npos); }
    out += 'e';
    out += point - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(point - 1));
  }
}

void Json::stringifyTo (std::string& out) const {
  switch (kind()) {
    case Kind::Null: out += "null"; break;
    case Kind::Boolean: out += asBoolean() ? "true" : "false"; break;
    case Kind::Number: appendNumber(out, asNumber()); break;
    case Kind::String: appendJsonString(out, asString()); break;
    case Kind::Array: {
      out += '[';
      bool first = true;
      for (const auto& item : asArray()) {
        if (!first) out += ',';
        first = false;
        item.stringifyTo(out);
      }
      out += ']';
      break;
    }
    case Kind::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : asObject()) {
        if (!first) out += ',';
        first = false;
        appendJsonString(out, key);
        out += ':';
        member.stringifyTo(out);
      }
      out += '}';
      break;
    }
  }
}

std::string Json::stringify () const {
  std::string out;
  stringifyTo(out);
  return out;
}

namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  explicit Parser (std::string_view text) : text(text) {}

  std::optional<Json> run (std::string* error) {
    Json result;
    skipSpace();
    if (!parseValue(result, 0)) return fail(error);
    skipSpace();
    if (pos != text.size()) { message = "unexpected trailing characters"; return fail(error); }
    return result;
  }

 private:
  std::string_view text;
  size_t pos = 0;
  std::string message;

  std::optional<Json> fail (std::string* error) {
    if (error) *error = message + " at offset " + std::to_string(pos);
    return std::nullopt;
  }

  bool bad (const char* what) { message = what; return false; }

  void skipSpace () {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) ++pos;
  }

  bool literal (std::string_view word) {
    if (text.substr(pos, word.size()) != word) return bad("invalid literal");
    pos += word.size();
    return true;
  }

  bool parseValue (Json& out, int depth) {
    if (depth > kMaxDepth) return bad("nesting too deep");
    if (pos >= text.size()) return bad("unexpected end of input");
    switch (text[pos]) {
      case 'n': out = Json(nullptr); return literal("null");
      case 't': out = Json(true); return literal("true");
      case 'f': out = Json(false); return literal("false");
      case '"': {
        std::string s;
        if (!parseString(s)) return false;
        out = Json(std::move(s));
        return true;
      }
      case '[': return parseArray(out, depth);
      case '{': return parseObject(out, depth);
      default: return parseNumber(out);
    }
  }

  bool parseNumber (Json& out) {
    const size_t start = pos;
    if (pos < text.size() && text[pos] == '-') ++pos;
    if (pos >= text.size() || !isdigit(text[pos])) return bad("invalid number");
    if (text[pos] == '0') ++pos; else while (pos < text.size() && isdigit(text[pos])) ++pos;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      if (pos >= text.size() || !isdigit(text[pos])) return bad("invalid number");
      while (pos < text.size() && isdigit(text[pos])) ++pos;
    }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
      ++pos;
      if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
      if (pos >= text.size() || !isdigit(text[pos])) return bad("invalid number");
      while (pos < text.size() && isdigit(text[pos])) ++pos;
    }
    double n = 0;
    const auto result = std::from_chars(text.data() + start, text.data() + pos, n);
    if (result.ec != std::errc() || !std::isfinite(n)) return bad("number out of range");
    out = Json(n);
    return true;
  }

  static bool isdigit (char c) { return c >= '0' && c <= '9'; }

  bool hex4 (unsigned& out) {
    if (text.size() - pos < 4) return bad("invalid \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text[pos++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= c - '0';
      else if (c >= 'a' && c <= 'f') out |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') out |= c - 'A' + 10;
      else return bad("invalid \\u escape");
    }
    return true;
  }

  static void appendUtf8 (std::string& s, unsigned cp) {
    if (cp < 0x80) s += static_cast<char>(cp);
    else if (cp < 0x800) { s += static_cast<char>(0xC0 | (cp >> 6)); s += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool parseString (std::string& out) {
    ++pos;  // opening quote
    const size_t rawStart = out.size();
    while (true) {
      if (pos >= text.size()) return bad("unterminated string");
      const char c = text[pos++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) return bad("control character in string");
      if (c != '\\') { out += c; continue; }
      if (pos >= text.size()) return bad("unterminated string");
      const char e = text[pos++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (text.substr(pos, 2) != "\\u") return bad("lone surrogate in string");
            pos += 2;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return bad("lone surrogate in string");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return bad("lone surrogate in string");
          }
          appendUtf8(out, cp);
          break;
        }
        default: return bad("invalid escape in string");
      }
    }
    if (!isValidUtf8(std::string_view(out).substr(rawStart))) return bad("invalid UTF-8 in string");
    return true;
  }

  bool parseArray (Json& out, int depth) {
    ++pos;
    Json::Array items;
    skipSpace();
    if (pos < text.size() && text[pos] == ']') { ++pos; out = Json(std::move(items)); return true; }
    while (true) {
      skipSpace();
      Json item;
      if (!parseValue(item, depth + 1)) return false;
      items.push_back(std::move(item));
      skipSpace();
      if (pos >= text.size()) return bad("unterminated array");
      if (text[pos] == ',') { ++pos; continue; }
      if (text[pos] == ']') { ++pos; break; }
      return bad("expected ',' or ']'");
    }
    out = Json(std::move(items));
    return true;
  }

  bool parseObject (Json& out, int depth) {
    ++pos;
    Json object = Json::object();
    skipSpace();
    if (pos < text.size() && text[pos] == '}') { ++pos; out = std::move(object); return true; }
    while (true) {
      skipSpace();
      if (pos >= text.size() || text[pos] != '"') return bad("expected a string key");
      std::string key;
      if (!parseString(key)) return false;
      skipSpace();
      if (pos >= text.size() || text[pos] != ':') return bad("expected ':'");
      ++pos;
      skipSpace();
      Json member;
      if (!parseValue(member, depth + 1)) return false;
      object.set(std::move(key), std::move(member));
      skipSpace();
      if (pos >= text.size()) return bad("unterminated object");
      if (text[pos] == ',') { ++pos; continue; }
      if (text[pos] == '}') { ++pos; break; }
      return bad("expected ',' or '}'");
    }
    out = std::move(object);
    return true;
  }
};

}  // namespace

std::optional<Json> Json::parse (std::string_view text, std::string* error) {
  return Parser(text).run(error);
}

}  // namespace ipc
