#include "linux/bounded_stream.hh"

namespace host {

namespace {
struct BoundedInputStream {
  GFilterInputStream parent;
  guint64 left;
};
struct BoundedInputStreamClass {
  GFilterInputStreamClass parent_class;
};

G_DEFINE_TYPE(BoundedInputStream, bounded_input_stream, G_TYPE_FILTER_INPUT_STREAM)

// GInputStream's default read_async runs this on a GLib thread, so the disk is never read on the main thread.
gssize boundedRead(GInputStream *stream, void *buffer, gsize count, GCancellable *cancellable, GError **error) {
  auto *self = reinterpret_cast<BoundedInputStream *>(stream);
  if (self->left == 0) return 0;
  if (count > self->left) count = static_cast<gsize>(self->left);
  gssize got = g_input_stream_read(G_FILTER_INPUT_STREAM(stream)->base_stream, buffer, count, cancellable, error);
  if (got > 0) self->left -= static_cast<guint64>(got);
  return got;
}

// GFilterInputStream would skip on the base stream past the limit.
gssize boundedSkip(GInputStream *stream, gsize count, GCancellable *cancellable, GError **error) {
  auto *self = reinterpret_cast<BoundedInputStream *>(stream);
  if (count > self->left) count = static_cast<gsize>(self->left);
  if (count == 0) return 0;
  gssize skipped = g_input_stream_skip(G_FILTER_INPUT_STREAM(stream)->base_stream, count, cancellable, error);
  if (skipped > 0) self->left -= static_cast<guint64>(skipped);
  return skipped;
}

void bounded_input_stream_class_init(BoundedInputStreamClass *type) {
  G_INPUT_STREAM_CLASS(type)->read_fn = boundedRead;
  G_INPUT_STREAM_CLASS(type)->skip = boundedSkip;
}

void bounded_input_stream_init(BoundedInputStream *self) { self->left = 0; }
}  // namespace

GInputStream *boundedInputStreamNew(GInputStream *base, guint64 limit) {
  auto *stream = static_cast<BoundedInputStream *>(
    g_object_new(bounded_input_stream_get_type(), "base-stream", base, "close-base-stream", TRUE, nullptr));
  stream->left = limit;
  return G_INPUT_STREAM(stream);
}

}  // namespace host
