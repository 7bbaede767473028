// ipc::Json: a small JSON value with a strict parser and a deterministic serializer.
// Objects keep insertion order so that replies are byte-stable; numbers are doubles (64-bit integers travel
// as decimal strings, see docs/generator.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace ipc {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;
  enum class Kind { Null, Boolean, Number, String, Array, Object };

  Json () : value(nullptr) {}
  Json (std::nullptr_t) : value(nullptr) {}
  Json (bool b) : value(b) {}
  Json (double n) : value(n) {}
  // Any integer type (int, size_t, int64_t, …) becomes a JSON number; 64-bit ids belong in strings instead.
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Json (T n) : value(static_cast<double>(n)) {}
  Json (const char* s) : value(std::string(s)) {}
  Json (std::string s) : value(std::move(s)) {}
  Json (std::string_view s) : value(std::string(s)) {}
  Json (Array a) : value(std::move(a)) {}
  Json (Object o) : value(std::move(o)) {}

  static Json array () { return Json(Array{}); }
  static Json object () { return Json(Object{}); }

  Kind kind () const { return static_cast<Kind>(value.index()); }
  bool isNull () const { return kind() == Kind::Null; }
  bool isBoolean () const { return kind() == Kind::Boolean; }
  bool isNumber () const { return kind() == Kind::Number; }
  bool isString () const { return kind() == Kind::String; }
  bool isArray () const { return kind() == Kind::Array; }
  bool isObject () const { return kind() == Kind::Object; }

  bool asBoolean () const { return std::get<bool>(value); }
  double asNumber () const { return std::get<double>(value); }
  const std::string& asString () const { return std::get<std::string>(value); }
  const Array& asArray () const { return std::get<Array>(value); }
  const Object& asObject () const { return std::get<Object>(value); }

  // Object member lookup; nullptr when absent or when this is not an object.
  const Json* get (std::string_view key) const;
  // Sets (or replaces) an object member; turns a null value into an object first.
  Json& set (std::string key, Json member);
  // Appends to an array; turns a null value into an array first.
  Json& push (Json item);

  std::string stringify () const;
  void stringifyTo (std::string& out) const;

  // Strict RFC 8259 parsing (UTF-8 checked, nesting limited). On failure returns nullopt and sets *error.
  static std::optional<Json> parse (std::string_view text, std::string* error = nullptr);

  bool operator== (const Json& other) const { return value == other.value; }

 private:
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object> value;
};

// Appends `text` to `out` as a JSON string literal (quotes included).
void appendJsonString (std::string& out, std::string_view text);

}  // namespace ipc
