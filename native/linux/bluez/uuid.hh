// Bluetooth UUIDs as BlueZ spells them: 128-bit, lower case. Short forms ("180d", "0000180d") expand
// onto the Bluetooth base UUID.
#pragma once
#include <string>

namespace host::bluez {

std::string normalizeUuid(const std::string &uuid);
bool sameUuid(const std::string &a, const std::string &b);
// Whether `uuid` is a UUID in one of those forms.
bool isUuid(const std::string &uuid);
// Whether `address` is a Bluetooth device address ("AA:BB:CC:DD:EE:FF", either case).
bool isAddress(const std::string &address);

}  // namespace host::bluez
