// Small owning helpers around GVariant for reading BlueZ properties (a{sv} dictionaries).
#pragma once
#include <glib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace host::bluez {

// Owns one reference to a GVariant: takes over the caller's reference (a floating one is sunk).
class Variant {
 public:
  Variant() = default;
  explicit Variant(GVariant *value) : value_(value ? g_variant_take_ref(value) : nullptr) {}
  Variant(const Variant &other) : value_(other.value_ ? g_variant_ref(other.value_) : nullptr) {}
  Variant &operator=(Variant other) {
    std::swap(value_, other.value_);
    return *this;
  }
  ~Variant() {
    if (value_) g_variant_unref(value_);
  }
  GVariant *get() const { return value_; }
  explicit operator bool() const { return value_ != nullptr; }

 private:
  GVariant *value_ = nullptr;
};

// Typed reads of a value that may be missing or of another type: the fallback then.
std::string asString(const Variant &value, const std::string &fallback = "");
bool asBool(const Variant &value, bool fallback = false);
int asInt(const Variant &value, int fallback = 0);
std::vector<std::string> asStrings(const Variant &value);
std::vector<uint8_t> asBytes(const Variant &value);

// New floating values for D-Bus replies and properties.
GVariant *bytesVariant(const std::vector<uint8_t> &bytes);
GVariant *stringsVariant(const std::vector<std::string> &strings);

}  // namespace host::bluez
