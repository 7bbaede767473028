// The app's flattened socket.ini, read from <resources>/socket-config.json (a flat JSON object).
#pragma once
#include <map>
#include <string>
#include <vector>

namespace host {

class Config {
 public:
  // Parses the file; on failure returns false with a message naming the file and the offset.
  bool load(const std::string &path, std::string &error);
  bool parse(const std::string &text, std::string &error);

  std::string get(const std::string &key, const std::string &fallback = "") const;
  bool flag(const std::string &key, bool fallback) const;
  long number(const std::string &key, long fallback) const;
  const std::map<std::string, std::string> &values() const { return values_; }
  // The whole config as a JSON object of strings (for the preload).
  std::string json() const;
  // Keys the socket.ini schema (cli/src/config/schema.ts) does not know: a hand-written socket-config.json is
  // checked like a socket.ini, as warnings.
  std::vector<std::string> unknownKeys() const;

 private:
  std::map<std::string, std::string> values_;
};

// JSON string literal for `text` (quotes included); invalid UTF-8 bytes become U+FFFD.
std::string jsonQuote(const std::string &text);

}  // namespace host
