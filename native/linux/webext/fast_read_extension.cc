// The web-process half of the fast file read (the host's half is native/linux/fast_read.cc; docs/security.md).
// WebKit loads this library into every web process of the app. It adds one function, `__socketFastRead(id, uri)`,
// to the host's isolated script world ("socket-ipc", the message bridge's) and to nothing else: the page's own
// world never sees it, and a frame that is not the app's never runs a script in that world. The function asks the
// host, as a WebKitUserMessage carrying the `ipc://fs.readFile?…` URI and the calling frame's URI; the host makes
// every check the scheme and bridge make, and answers with the file opened read-only (its descriptor in the
// message's fd list) or with a JSON error envelope. The descriptor is read here, on a thread of our own, straight
// into the page's Uint8Array of the size fstat gave (no copy). No byte goes through WebKit's resource loading.
// The reply is a DOM event in the page's world of the calling frame: `__socket_fast_read_reply` with
// `[id, Uint8Array | envelope text | "fallback"]`; "fallback" (the file grew, or could not be read here) makes
// the page send the same call the ordinary way, which reports errors in Node's shape.
#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <sys/stat.h>
#include <unistd.h>
#include <webkit2/webkit-web-extension.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace {

constexpr const char *kMessage = "socket.fastRead";
// Node's own limit for one readFile (2 GiB - 1); above it the page takes the chunked path.
constexpr size_t kMaxBytes = 0x7fffffff;
// The most one pread asks for. One pread of the whole file kept this thread in the kernel for its whole length
// (60-130 ms for 100 MB here: page faults and the copy), and on a kernel that does not preempt kernel code
// (PREEMPT_NONE, as here) the page's main thread stalled as long; 1 MiB calls return to user space, where the
// scheduler can switch, about every millisecond (bench/host/notes.md, *Frame gaps while reading*).
constexpr size_t kReadChunk = 1024 * 1024;

WebKitWebExtension *extension = nullptr;
WebKitScriptWorld *world = nullptr;

// What a `__socketFastRead` function is bound to: the page and frame whose isolated world holds it.
struct Binding {
  guint64 page;
  WebKitFrame *frame;
};

struct Request {
  std::string id;
  JSCContext *pageWorld = nullptr;  // the calling frame's own (page) world: where the answer is delivered
  int fd = -1;
  JSCValue *array = nullptr;        // a Uint8Array of the page's world, of the size fstat gave
  guint8 *data = nullptr;           // its bytes (JavaScriptCore's memory: stable while `array` is held)
  size_t capacity = 0;
  size_t size = 0;                  // what the read found
};

void freeRequest(Request *request) {
  if (request->fd >= 0) ::close(request->fd);
  if (request->array) g_object_unref(request->array);
  if (request->pageWorld) g_object_unref(request->pageWorld);
  delete request;
}

// Dispatches the answer in the page's world of the frame that asked. `value` belongs to that world's context.
void deliver(Request *request, JSCValue *value) {
  JSCContext *context = request->pageWorld;
  JSCValue *post = jsc_context_evaluate(context,
      "(function (detail) { document.dispatchEvent(new CustomEvent('__socket_fast_read_reply', { detail })) })", -1);
  JSCValue *detail = jsc_value_new_array(context, G_TYPE_STRING, request->id.c_str(), JSC_TYPE_VALUE, value, G_TYPE_NONE);
  JSCValue *result = jsc_value_function_call(post, JSC_TYPE_VALUE, detail, G_TYPE_NONE);
  if (result) g_object_unref(result);
  g_object_unref(detail);
  g_object_unref(post);
  // An exception thrown by the page's listener is the page's; it must not stay pending in this context.
  jsc_context_clear_exception(context);
}

void deliverText(Request *request, const char *text) {
  JSCValue *value = jsc_value_new_string(request->pageWorld, text);
  deliver(request, value);
  g_object_unref(value);
  freeRequest(request);
}

// The page's Uint8Array the bytes go into, made on the main thread. The web process forbids ArrayBuffers over
// memory of our own (JavaScriptCore's Gigacage: jsc_value_new_array_buffer aborts the process), so the buffer is
// JavaScriptCore's and the read writes into it: still one buffer and no copy.
bool allocate(Request *request, size_t size) {
  request->array = jsc_value_new_typed_array(request->pageWorld, JSC_TYPED_ARRAY_UINT8, size);
  if (!request->array || jsc_context_get_exception(request->pageWorld)) {
    jsc_context_clear_exception(request->pageWorld);
    return false;
  }
  gsize length = 0;
  request->data = static_cast<guint8 *>(jsc_value_typed_array_get_data(request->array, &length));
  request->capacity = length;
  return length == size && (size == 0 || request->data);
}

// Reads the descriptor from its start into the buffer, off the web process's main thread, kReadChunk at a time.
// A file that shrank meanwhile gives what it still holds; one that grew past the buffer fails (the ordinary path
// then reads it). read into memory: nothing is mapped, so a file cut short under us cannot raise SIGBUS.
void readWhole(GTask *task, gpointer, gpointer data, GCancellable *) {
  auto *request = static_cast<Request *>(data);
  size_t total = 0;
  while (total < request->capacity) {
    ssize_t got = ::pread(request->fd, request->data + total, std::min(kReadChunk, request->capacity - total), total);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return g_task_return_boolean(task, FALSE);
    if (got == 0) break;
    total += static_cast<size_t>(got);
  }
  if (total == request->capacity) {
    guint8 probe;
    ssize_t more;
    do more = ::pread(request->fd, &probe, 1, total); while (more < 0 && errno == EINTR);
    if (more != 0) return g_task_return_boolean(task, FALSE);
  }
  request->size = total;
  g_task_return_boolean(task, TRUE);
}

// Back on the main thread: the page gets the Uint8Array (a shorter view when the file shrank).
void deliverBytes(Request *request) {
  JSCValue *value = request->array;
  if (request->size != request->capacity) {
    JSCValue *buffer = jsc_value_typed_array_get_buffer(request->array);
    value = jsc_value_new_typed_array_with_buffer(buffer, JSC_TYPED_ARRAY_UINT8, 0, request->size);
    g_object_unref(buffer);
  } else {
    g_object_ref(value);
  }
  deliver(request, value);
  g_object_unref(value);
  freeRequest(request);
}

// A failed read leaves the answer to the ordinary path, which reports the error in Node's shape.
void onRead(GObject *, GAsyncResult *result, gpointer data) {
  auto *request = static_cast<Request *>(data);
  if (!g_task_propagate_boolean(G_TASK(result), nullptr)) return deliverText(request, "fallback");
  deliverBytes(request);
}

// The host's answer "(s@ay)": "fd" with the descriptor, "bytes" (a pipe or device the host read), or the JSON
// envelope of an error, which the page decodes as it would the bridge's.
void onReply(GObject *source, GAsyncResult *result, gpointer data) {
  auto *request = static_cast<Request *>(data);
  WebKitUserMessage *reply = webkit_web_page_send_message_to_view_finish(WEBKIT_WEB_PAGE(source), result, nullptr);
  if (!reply) return deliverText(request, "fallback");
  GVariant *parameters = webkit_user_message_get_parameters(reply);
  if (!parameters || !g_variant_is_of_type(parameters, G_VARIANT_TYPE("(say)"))) {
    g_object_unref(reply);
    return deliverText(request, "fallback");
  }
  const char *kind = nullptr;
  GVariant *bytes = nullptr;
  g_variant_get(parameters, "(&s@ay)", &kind, &bytes);
  if (g_strcmp0(kind, "bytes") == 0) {
    gsize size = 0;
    auto *from = static_cast<const guint8 *>(g_variant_get_fixed_array(bytes, &size, 1));
    bool ok = allocate(request, size);
    if (ok && size) memcpy(request->data, from, size);
    request->size = size;
    g_variant_unref(bytes);
    g_object_unref(reply);
    return ok ? deliverBytes(request) : deliverText(request, "fallback");
  }
  g_variant_unref(bytes);
  GUnixFDList *descriptors = webkit_user_message_get_fd_list(reply);
  if (g_strcmp0(kind, "fd") != 0 || !descriptors || g_unix_fd_list_get_length(descriptors) != 1) {
    deliverText(request, g_strcmp0(kind, "fd") == 0 ? "fallback" : kind);
    g_object_unref(reply);
    return;
  }
  request->fd = g_unix_fd_list_get(descriptors, 0, nullptr);  // our own duplicate
  g_object_unref(reply);
  struct stat info;
  if (request->fd < 0 || ::fstat(request->fd, &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<uint64_t>(info.st_size) > kMaxBytes || !allocate(request, static_cast<size_t>(info.st_size)))
    return deliverText(request, "fallback");
  GTask *task = g_task_new(nullptr, nullptr, onRead, request);
  g_task_set_task_data(task, request, nullptr);
  g_task_run_in_thread(task, readWhole);
  g_object_unref(task);
}

// `__socketFastRead(id, uri)`, called by the host's script in the isolated world.
void fastRead(const char *id, const char *uri, gpointer data) {
  auto *binding = static_cast<Binding *>(data);
  WebKitWebPage *page = webkit_web_extension_get_page(extension, binding->page);
  if (!page || !id || !uri) return;
  auto *request = new Request();
  request->id = id;
  request->pageWorld = webkit_frame_get_js_context(binding->frame);
  if (!request->pageWorld) return (void)freeRequest(request);
  const char *frameUri = webkit_frame_get_uri(binding->frame);
  GVariant *parameters = g_variant_new("(ss)", uri, frameUri ? frameUri : "");
  WebKitUserMessage *message = webkit_user_message_new(kMessage, parameters);
  webkit_web_page_send_message_to_view(page, message, nullptr, onReply, request);
}

void unbind(gpointer data) {
  auto *binding = static_cast<Binding *>(data);
  g_object_unref(binding->frame);
  delete binding;
}

// Called for each frame's global object of the isolated world only (the signal of that world's object).
void onWindowObjectCleared(WebKitScriptWorld *, WebKitWebPage *page, WebKitFrame *frame, gpointer) {
  JSCContext *context = webkit_frame_get_js_context_for_script_world(frame, world);
  if (!context) return;
  auto *binding = new Binding{webkit_web_page_get_id(page), WEBKIT_FRAME(g_object_ref(frame))};
  JSCValue *function = jsc_value_new_function(context, "__socketFastRead", G_CALLBACK(fastRead), binding, unbind,
                                              G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  JSCValue *global = jsc_context_get_global_object(context);
  jsc_value_object_define_property_data(global, "__socketFastRead", JSC_VALUE_PROPERTY_CONFIGURABLE, function);
  g_object_unref(global);
  g_object_unref(function);
  g_object_unref(context);
}

}  // namespace

// The host passes the isolated world's name ("(s)"); without it the extension stays inert.
extern "C" G_MODULE_EXPORT void webkit_web_extension_initialize_with_user_data(WebKitWebExtension *self, const GVariant *data) {
  auto *parameters = const_cast<GVariant *>(data);
  if (!parameters || !g_variant_is_of_type(parameters, G_VARIANT_TYPE("(s)"))) return;
  const char *name = nullptr;
  g_variant_get(parameters, "(&s)", &name);
  if (!name || !*name) return;
  extension = self;
  world = webkit_script_world_new_with_name(name);
  g_signal_connect(world, "window-object-cleared", G_CALLBACK(onWindowObjectCleared), nullptr);
}
