// The C++ side of the conformance corpus (test/generator/conformance/*.json): each stdin line is the hex of one
// input's UTF-8 bytes; each output line is the hex of what native/ipc writes back after parsing it, or "error".
#include <cstdio>
#include <iostream>
#include <string>

#include "ipc/json.hh"

static std::string fromHex (const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

static std::string toHex (const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out += digits[static_cast<unsigned char>(c) >> 4];
    out += digits[static_cast<unsigned char>(c) & 15];
  }
  return out;
}

int main () {
  std::string line;
  while (std::getline(std::cin, line)) {
    const auto value = ipc::Json::parse(fromHex(line));
    std::cout << (value ? toHex(value->stringify()) : "error") << "\n";
  }
  return 0;
}
