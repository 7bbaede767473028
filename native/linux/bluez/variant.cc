#include "linux/bluez/variant.hh"

namespace host::bluez {

namespace {
// Properties arrive boxed as "v"; unbox once so callers need not care.
GVariant *unboxed(const Variant &value, GVariant *&owned) {
  owned = nullptr;
  GVariant *v = value.get();
  if (v && g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT)) v = owned = g_variant_get_variant(v);
  return v;
}
}  // namespace

std::string asString(const Variant &value, const std::string &fallback) {
  GVariant *owned;
  GVariant *v = unboxed(value, owned);
  std::string out = fallback;
  if (v && (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING) || g_variant_is_of_type(v, G_VARIANT_TYPE_OBJECT_PATH)))
    out = g_variant_get_string(v, nullptr);
  if (owned) g_variant_unref(owned);
  return out;
}

bool asBool(const Variant &value, bool fallback) {
  GVariant *owned;
  GVariant *v = unboxed(value, owned);
  bool out = v && g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN) ? g_variant_get_boolean(v) : fallback;
  if (owned) g_variant_unref(owned);
  return out;
}

int asInt(const Variant &value, int fallback) {
  GVariant *owned;
  GVariant *v = unboxed(value, owned);
  int out = fallback;
  if (v && g_variant_is_of_type(v, G_VARIANT_TYPE_INT16)) out = g_variant_get_int16(v);
  else if (v && g_variant_is_of_type(v, G_VARIANT_TYPE_INT32)) out = g_variant_get_int32(v);
  if (owned) g_variant_unref(owned);
  return out;
}

std::vector<std::string> asStrings(const Variant &value) {
  GVariant *owned;
  GVariant *v = unboxed(value, owned);
  std::vector<std::string> out;
  if (v && g_variant_is_of_type(v, G_VARIANT_TYPE_STRING_ARRAY)) {
    gsize n = 0;
    const gchar **strings = g_variant_get_strv(v, &n);
    for (gsize i = 0; i < n; i++) out.emplace_back(strings[i]);
    g_free(strings);
  }
  if (owned) g_variant_unref(owned);
  return out;
}

std::vector<uint8_t> asBytes(const Variant &value) {
  GVariant *owned;
  GVariant *v = unboxed(value, owned);
  std::vector<uint8_t> out;
  if (v && g_variant_is_of_type(v, G_VARIANT_TYPE_BYTESTRING)) {
    gsize n = 0;
    auto *data = static_cast<const uint8_t *>(g_variant_get_fixed_array(v, &n, 1));
    out.assign(data, data + n);
  }
  if (owned) g_variant_unref(owned);
  return out;
}

GVariant *bytesVariant(const std::vector<uint8_t> &bytes) {
  return g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, bytes.data(), bytes.size(), 1);
}

GVariant *stringsVariant(const std::vector<std::string> &strings) {
  GVariantBuilder builder;
  g_variant_builder_init(&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (const auto &s : strings) g_variant_builder_add(&builder, "s", s.c_str());
  return g_variant_builder_end(&builder);
}

}  // namespace host::bluez
