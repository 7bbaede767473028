#include "linux/mime.hh"

#include <algorithm>
#include <cstring>

namespace host {

namespace {
struct Entry { const char *extension; const char *type; };
// Module scripts must be served as JavaScript or WebKit refuses them; the rest keeps fonts, media and wasm working.
constexpr Entry kTypes[] = {
  {"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
  {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
  {"cjs", "text/javascript; charset=utf-8"}, {"css", "text/css; charset=utf-8"},
  {"json", "application/json"}, {"map", "application/json"}, {"txt", "text/plain; charset=utf-8"},
  {"md", "text/markdown; charset=utf-8"}, {"xml", "application/xml"}, {"svg", "image/svg+xml"},
  {"png", "image/png"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"gif", "image/gif"},
  {"webp", "image/webp"}, {"avif", "image/avif"}, {"ico", "image/x-icon"}, {"bmp", "image/bmp"},
  {"woff", "font/woff"}, {"woff2", "font/woff2"}, {"ttf", "font/ttf"}, {"otf", "font/otf"},
  {"wasm", "application/wasm"}, {"mp3", "audio/mpeg"}, {"wav", "audio/wav"}, {"ogg", "audio/ogg"},
  {"mp4", "video/mp4"}, {"webm", "video/webm"}, {"pdf", "application/pdf"}, {"zip", "application/zip"},
  {"csv", "text/csv; charset=utf-8"}, {"ts", "text/javascript; charset=utf-8"},
};
}  // namespace

const char *mimeTypeFor(const std::string &path) {
  auto dot = path.rfind('.');
  auto slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "application/octet-stream";
  std::string extension = path.substr(dot + 1);
  std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
  for (auto &entry : kTypes)
    if (extension == entry.extension) return entry.type;
  return "application/octet-stream";
}

}  // namespace host
