// Development builds: app errors shown in the window (an overlay) and printed with file:line:column.
#pragma once
#include <string>

namespace host {

// The script added at document start (top frame) of dev builds; prod builds and packages go without it.
const std::string &errorOverlayScript();

}  // namespace host
