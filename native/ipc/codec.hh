// Typed decoding and encoding of IDL values, used by the generated dispatch (generated/cpp/*_dispatch.cc).
//
// Two sources: a query parameter's text (scalars are plain text: `flags=66`, `path=a%20b`) and JSON (composite
// arguments travel as JSON text, and dictionaries' members are decoded from it). Every decoder checks the IDL
// type (integer range, finiteness, UTF-8, enum membership) and reports a TypeError or RangeError naming the
// argument. 64-bit integers travel as decimal strings inside JSON, so no precision is lost on the JS side.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "ipc/error.hh"
#include "ipc/json.hh"

namespace ipc {

template <class T>
constexpr bool isIdlInteger = std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>;

// Error constructors with the project's wording. `name` is the argument path, e.g. "options.width".
Error missingArgument (const std::string& name);
Error wrongType (const std::string& name, const char* expected);
Error outOfRange (const std::string& name, const std::string& range);

// ---- from a query parameter's text ----
bool fromText (std::string_view text, const std::string& name, bool& out, Error& error);
bool fromText (std::string_view text, const std::string& name, double& out, Error& error);       // finite
bool fromText (std::string_view text, const std::string& name, float& out, Error& error);        // finite
bool fromTextUnrestricted (std::string_view text, const std::string& name, double& out, Error& error);
bool fromTextUnrestricted (std::string_view text, const std::string& name, float& out, Error& error);
bool fromText (std::string_view text, const std::string& name, std::string& out, Error& error);  // UTF-8
bool fromTextSigned (std::string_view text, const std::string& name, int64_t min, int64_t max, int64_t& out, Error& error);
bool fromTextUnsigned (std::string_view text, const std::string& name, uint64_t max, uint64_t& out, Error& error);

template <class T, std::enable_if_t<isIdlInteger<T>, int> = 0>
bool fromText (std::string_view text, const std::string& name, T& out, Error& error) {
  if constexpr (std::is_signed_v<T>) {
    int64_t value = 0;
    if (!fromTextSigned(text, name, std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), value, error)) return false;
    out = static_cast<T>(value);
  } else {
    uint64_t value = 0;
    if (!fromTextUnsigned(text, name, std::numeric_limits<T>::max(), value, error)) return false;
    out = static_cast<T>(value);
  }
  return true;
}

// Composite values (dictionaries, sequences, records, unions, any) arrive as JSON text.
bool parseJsonArgument (std::string_view text, const std::string& name, Json& out, Error& error);

// ---- from JSON ----
bool fromJson (const Json& json, const std::string& name, bool& out, Error& error);
bool fromJson (const Json& json, const std::string& name, double& out, Error& error);
bool fromJson (const Json& json, const std::string& name, float& out, Error& error);
bool fromJson (const Json& json, const std::string& name, std::string& out, Error& error);
bool fromJson (const Json& json, const std::string& name, Json& out, Error& error);
bool fromJsonSigned (const Json& json, const std::string& name, int64_t min, int64_t max, int64_t& out, Error& error);
bool fromJsonUnsigned (const Json& json, const std::string& name, uint64_t max, uint64_t& out, Error& error);

template <class T, std::enable_if_t<isIdlInteger<T>, int> = 0>
bool fromJson (const Json& json, const std::string& name, T& out, Error& error);
template <class T>
bool fromJson (const Json& json, const std::string& name, std::vector<T>& out, Error& error);
template <class T>
bool fromJson (const Json& json, const std::string& name, std::optional<T>& out, Error& error);
template <class T>
bool fromJson (const Json& json, const std::string& name, std::map<std::string, T>& out, Error& error);
template <class... T>
bool fromJson (const Json& json, const std::string& name, std::variant<T...>& out, Error& error);

template <class T, std::enable_if_t<isIdlInteger<T>, int>>
bool fromJson (const Json& json, const std::string& name, T& out, Error& error) {
  // Only 64-bit integers may arrive as decimal strings; smaller ones are plain JSON numbers.
  if constexpr (sizeof(T) < 8) {
    if (!json.isNumber()) { error = wrongType(name, "an integer"); return false; }
  }
  if constexpr (std::is_signed_v<T>) {
    int64_t value = 0;
    if (!fromJsonSigned(json, name, std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), value, error)) return false;
    out = static_cast<T>(value);
  } else {
    uint64_t value = 0;
    if (!fromJsonUnsigned(json, name, std::numeric_limits<T>::max(), value, error)) return false;
    out = static_cast<T>(value);
  }
  return true;
}

template <class T>
bool fromJson (const Json& json, const std::string& name, std::vector<T>& out, Error& error) {
  if (!json.isArray()) { error = wrongType(name, "an array"); return false; }
  out.clear();
  out.reserve(json.asArray().size());
  size_t index = 0;
  for (const auto& item : json.asArray()) {
    T value{};
    if (!fromJson(item, name + "[" + std::to_string(index++) + "]", value, error)) return false;
    out.push_back(std::move(value));
  }
  return true;
}

template <class T>
bool fromJson (const Json& json, const std::string& name, std::optional<T>& out, Error& error) {
  if (json.isNull()) { out.reset(); return true; }
  T value{};
  if (!fromJson(json, name, value, error)) return false;
  out = std::move(value);
  return true;
}

template <class T>
bool fromJson (const Json& json, const std::string& name, std::map<std::string, T>& out, Error& error) {
  if (!json.isObject()) { error = wrongType(name, "an object"); return false; }
  out.clear();
  for (const auto& [key, member] : json.asObject()) {
    T value{};
    if (!fromJson(member, name + "[\"" + key + "\"]", value, error)) return false;
    out[key] = std::move(value);
  }
  return true;
}

// Unions hold alternatives of distinct JSON kinds (the generator enforces it), so the kind picks one.
template <class T>
bool jsonKindFits (const Json& json) {
  if constexpr (std::is_same_v<T, bool>) return json.isBoolean();
  else if constexpr (std::is_arithmetic_v<T>) return json.isNumber() || (sizeof(T) == 8 && isIdlInteger<T> && json.isString());
  else if constexpr (std::is_same_v<T, std::string>) return json.isString();
  else return json.isObject();
}

template <class... T>
bool fromJson (const Json& json, const std::string& name, std::variant<T...>& out, Error& error) {
  bool matched = false;
  bool ok = false;
  auto attempt = [&](auto tag) {
    using Alternative = typename decltype(tag)::type;
    if (matched || !jsonKindFits<Alternative>(json)) return;
    matched = true;
    Alternative value{};
    ok = fromJson(json, name, value, error);
    if (ok) out = std::move(value);
  };
  (attempt(std::type_identity<T>{}), ...);
  if (!matched) error = wrongType(name, "one of the union's member types");
  return matched && ok;
}

// Reads a dictionary member: absent (or null) members keep their default or fail when required.
template <class T>
bool member (const Json& object, const char* key, const std::string& name, bool required, T& out, Error& error) {
  const Json* value = object.get(key);
  if (value && value->isNull()) {
    // JSON null is a value for nullable (std::optional) and `any` members; for the others it means absent.
    if constexpr (requires { out.reset(); }) { out.reset(); return true; }
    if constexpr (std::is_same_v<T, Json>) { out = Json(); return true; }
    value = nullptr;
  }
  if (!value) {
    if (required) { error = missingArgument(name + "." + key); return false; }
    return true;
  }
  return fromJson(*value, name + "." + key, out, error);
}

// Size limits from the IDL's [MaxLength=n]: bytes for strings and buffers, items for sequences.
bool checkMaxLength (size_t length, size_t limit, const std::string& name, Error& error);

// ---- to JSON ----
inline Json toJson (bool value) { return Json(value); }
inline Json toJson (double value) { return Json(value); }
inline Json toJson (float value) { return Json(static_cast<double>(value)); }
inline Json toJson (const std::string& value) { return Json(value); }
inline Json toJson (const Json& value) { return value; }

template <class T, std::enable_if_t<isIdlInteger<T>, int> = 0>
Json toJson (T value) {
  if constexpr (sizeof(T) == 8) return Json(std::to_string(value));
  else return Json(static_cast<double>(value));
}
template <class T> Json toJson (const std::vector<T>& value);
template <class T> Json toJson (const std::optional<T>& value);
template <class T> Json toJson (const std::map<std::string, T>& value);
template <class... T> Json toJson (const std::variant<T...>& value);

template <class T>
Json toJson (const std::vector<T>& value) {
  Json out = Json::array();
  for (const auto& item : value) out.push(toJson(item));
  return out;
}
template <class T>
Json toJson (const std::optional<T>& value) { return value ? toJson(*value) : Json(); }
template <class T>
Json toJson (const std::map<std::string, T>& value) {
  Json out = Json::object();
  for (const auto& [key, item] : value) out.set(key, toJson(item));
  return out;
}
template <class... T>
Json toJson (const std::variant<T...>& value) {
  return std::visit([](const auto& item) { return toJson(item); }, value);
}

}  // namespace ipc
