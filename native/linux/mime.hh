// MIME types for files served over socket:// (by extension; what browsers need to run an app).
#pragma once
#include <string>

namespace host {
const char *mimeTypeFor(const std::string &path);
}
