#include "linux/bluez/uuid.hh"

#include <algorithm>
#include <cctype>

namespace host::bluez {

std::string normalizeUuid(const std::string &uuid) {
  std::string out = uuid;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool hex = !out.empty() && std::all_of(out.begin(), out.end(), [](unsigned char c) { return std::isxdigit(c); });
  if (hex && out.size() == 4) return "0000" + out + "-0000-1000-8000-00805f9b34fb";
  if (hex && out.size() == 8) return out + "-0000-1000-8000-00805f9b34fb";
  return out;
}

bool sameUuid(const std::string &a, const std::string &b) { return normalizeUuid(a) == normalizeUuid(b); }

bool isUuid(const std::string &uuid) {
  std::string full = normalizeUuid(uuid);
  if (full.size() != 36) return false;
  for (size_t i = 0; i < full.size(); i++) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? full[i] != '-' : !std::isxdigit(static_cast<unsigned char>(full[i]))) return false;
  }
  return true;
}

bool isAddress(const std::string &address) {
  if (address.size() != 17) return false;
  for (size_t i = 0; i < address.size(); i++) {
    if (i % 3 == 2 ? address[i] != ':' : !std::isxdigit(static_cast<unsigned char>(address[i]))) return false;
  }
  return true;
}

}  // namespace host::bluez
