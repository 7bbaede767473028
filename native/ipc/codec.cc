#include "ipc/codec.hh"
#include "ipc/utf8.hh"

#include <charconv>

namespace ipc {

Error missingArgument (const std::string& name) {
  return Error::typeError("missing required argument '" + name + "'");
}

Error wrongType (const std::string& name, const char* expected) {
  return Error::typeError("argument '" + name + "' must be " + expected);
}

Error outOfRange (const std::string& name, const std::string& range) {
  return Error::rangeError("argument '" + name + "' is out of range (" + range + ")");
}

static bool allDigits (std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) if (c < '0' || c > '9') return false;
  return true;
}

bool fromText (std::string_view text, const std::string& name, bool& out, Error& error) {
  if (text == "true" || text == "1") { out = true; return true; }
  if (text == "false" || text == "0") { out = false; return true; }
  error = wrongType(name, "a boolean (true or false)");
  return false;
}

template <class F>
static bool parseFloating (std::string_view text, const std::string& name, bool finiteOnly, F& out, Error& error) {
  if (text.empty() || text.front() == '+') { error = wrongType(name, "a number"); return false; }
  F value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ptr != text.data() + text.size()) { error = wrongType(name, "a number"); return false; }
  if (result.ec == std::errc::result_out_of_range) {
    // Too large for the type: an infinity, which only unrestricted types accept.
    value = text.front() == '-' ? -std::numeric_limits<F>::infinity() : std::numeric_limits<F>::infinity();
    if (finiteOnly) { error = outOfRange(name, "a finite number"); return false; }
  } else if (result.ec != std::errc()) {
    error = wrongType(name, "a number");
    return false;
  }
  if (finiteOnly && !std::isfinite(value)) { error = wrongType(name, "a finite number"); return false; }
  out = value;
  return true;
}

bool fromText (std::string_view text, const std::string& name, double& out, Error& error) {
  return parseFloating(text, name, true, out, error);
}
bool fromText (std::string_view text, const std::string& name, float& out, Error& error) {
  return parseFloating(text, name, true, out, error);
}
bool fromTextUnrestricted (std::string_view text, const std::string& name, double& out, Error& error) {
  return parseFloating(text, name, false, out, error);
}
bool fromTextUnrestricted (std::string_view text, const std::string& name, float& out, Error& error) {
  return parseFloating(text, name, false, out, error);
}

bool fromText (std::string_view text, const std::string& name, std::string& out, Error& error) {
  if (!isValidUtf8(text)) { error = wrongType(name, "valid UTF-8 text"); return false; }
  out = std::string(text);
  return true;
}

bool fromTextSigned (std::string_view text, const std::string& name, int64_t min, int64_t max, int64_t& out, Error& error) {
  const bool negative = !text.empty() && text.front() == '-';
  if (!allDigits(negative ? text.substr(1) : text)) { error = wrongType(name, "an integer"); return false; }
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  int64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || value < min || value > max) { error = outOfRange(name, range); return false; }
  out = value;
  return true;
}

bool fromTextUnsigned (std::string_view text, const std::string& name, uint64_t max, uint64_t& out, Error& error) {
  const std::string range = "0 to " + std::to_string(max);
  if (!text.empty() && text.front() == '-' && allDigits(text.substr(1))) { error = outOfRange(name, range); return false; }
  if (!allDigits(text)) { error = wrongType(name, "an integer"); return false; }
  uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || value > max) { error = outOfRange(name, range); return false; }
  out = value;
  return true;
}

bool parseJsonArgument (std::string_view text, const std::string& name, Json& out, Error& error) {
  std::string why;
  auto parsed = Json::parse(text, &why);
  if (!parsed) { error = Error::typeError("argument '" + name + "' is not valid JSON: " + why); return false; }
  out = std::move(*parsed);
  return true;
}

bool fromJson (const Json& json, const std::string& name, bool& out, Error& error) {
  if (!json.isBoolean()) { error = wrongType(name, "a boolean"); return false; }
  out = json.asBoolean();
  return true;
}

bool fromJson (const Json& json, const std::string& name, double& out, Error& error) {
  if (!json.isNumber()) { error = wrongType(name, "a number"); return false; }
  out = json.asNumber();
  return true;
}

bool fromJson (const Json& json, const std::string& name, float& out, Error& error) {
  if (!json.isNumber()) { error = wrongType(name, "a number"); return false; }
  const double value = json.asNumber();
  if (std::fabs(value) > std::numeric_limits<float>::max()) { error = outOfRange(name, "a finite float"); return false; }
  out = static_cast<float>(value);
  return true;
}

bool fromJson (const Json& json, const std::string& name, std::string& out, Error& error) {
  if (!json.isString()) { error = wrongType(name, "a string"); return false; }
  out = json.asString();  // the parser has already checked UTF-8
  return true;
}

bool fromJson (const Json& json, const std::string&, Json& out, Error&) {
  out = json;
  return true;
}

// Integers in JSON: a number that is exactly an integer (|n| <= 2^53), or a decimal string (64-bit values).
bool fromJsonSigned (const Json& json, const std::string& name, int64_t min, int64_t max, int64_t& out, Error& error) {
  if (json.isString()) return fromTextSigned(json.asString(), name, min, max, out, error);
  if (!json.isNumber()) { error = wrongType(name, "an integer"); return false; }
  const double n = json.asNumber();
  if (std::trunc(n) != n) { error = wrongType(name, "an integer"); return false; }
  if (std::fabs(n) > 9007199254740992.0 || n < static_cast<double>(min) || n > static_cast<double>(max)) {
    error = outOfRange(name, std::to_string(min) + " to " + std::to_string(max));
    return false;
  }
  out = static_cast<int64_t>(n);
  return true;
}

bool fromJsonUnsigned (const Json& json, const std::string& name, uint64_t max, uint64_t& out, Error& error) {
  if (json.isString()) return fromTextUnsigned(json.asString(), name, max, out, error);
  if (!json.isNumber()) { error = wrongType(name, "an integer"); return false; }
  const double n = json.asNumber();
  if (std::trunc(n) != n) { error = wrongType(name, "an integer"); return false; }
  if (n < 0 || n > 9007199254740992.0 || n > static_cast<double>(max)) {
    error = outOfRange(name, "0 to " + std::to_string(max));
    return false;
  }
  out = static_cast<uint64_t>(n);
  return true;
}

bool checkMaxLength (size_t length, size_t limit, const std::string& name, Error& error) {
  if (length <= limit) return true;
  error = Error::rangeError("argument '" + name + "' is longer than the limit of " + std::to_string(limit));
  return false;
}

}  // namespace ipc
