// A GInputStream that ends after `limit` bytes of another: a byte range of a file streamed from its descriptor
// (socket:// Range requests), and a file that grows while it is served is not sent past the size announced.
#pragma once
#include <gio/gio.h>

namespace host {

// Takes a reference to `base`, and closes it when closed.
GInputStream *boundedInputStreamNew(GInputStream *base, guint64 limit);

}  // namespace host
