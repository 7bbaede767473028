/*
 * The native extension SDK: what an extension's C or C++ source includes. `ssc build` compiles the sources an
 * app lists in `[build.extensions]` against this header into <resources>/socket/extensions/<name>/lib<name>.so,
 * and the host loads it when a page calls `extension.load(name)` (docs/modules-loading-workers-desktop.md).
 *
 * The names follow the original's `sapi_*` API for the part this host implements: registering the extension,
 * mapping routes, reading a message's parameters and replying. Every call goes through a table the host hands
 * over (`api` below), so an extension links against nothing of the host's.
 */
#ifndef SOCKET_RUNTIME_EXTENSION_H
#define SOCKET_RUNTIME_EXTENSION_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when the table or the registration changes shape; the host refuses any other value. */
#define SOCKET_RUNTIME_EXTENSION_ABI 1

typedef struct sapi_context sapi_context_t;
typedef struct sapi_ipc_message sapi_ipc_message_t;
typedef struct sapi_ipc_result sapi_ipc_result_t;
typedef struct sapi_ipc_router sapi_ipc_router_t;

typedef void (*sapi_ipc_router_message_callback_t)(sapi_context_t *context, sapi_ipc_message_t *message,
                                                   const sapi_ipc_router_t *router);
typedef bool (*sapi_extension_initializer_t)(sapi_context_t *context, const void *data);
typedef bool (*sapi_extension_deinitializer_t)(sapi_context_t *context, const void *data);

/* The host's side. Strings passed in are copied; strings handed out live as long as their message. */
struct sapi_host_api {
  unsigned abi;
  bool (*router_map)(sapi_context_t *context, const char *route, sapi_ipc_router_message_callback_t callback,
                     const void *data);
  const char *(*message_get)(const sapi_ipc_message_t *message, const char *key);
  const char *(*message_get_name)(const sapi_ipc_message_t *message);
  const void *(*message_get_data)(const sapi_ipc_message_t *message);
  sapi_ipc_result_t *(*result_create)(sapi_context_t *context, sapi_ipc_message_t *message);
  bool (*result_set_json)(sapi_ipc_result_t *result, const char *json);
  void (*result_set_error)(sapi_ipc_result_t *result, const char *message);
  bool (*reply)(sapi_ipc_result_t *result);
  void (*log)(sapi_context_t *context, const char *message);
};

struct sapi_context { const struct sapi_host_api *api; void *host; };
struct sapi_ipc_message { const struct sapi_host_api *api; void *host; };
struct sapi_ipc_result { const struct sapi_host_api *api; void *host; };

/* Maps `route` (e.g. "ping.echo") to `callback` while initializing; `data` comes back through
   sapi_ipc_message_get_data. False when the route is taken or malformed. */
static inline bool sapi_ipc_router_map(sapi_context_t *context, const char *route,
                                       sapi_ipc_router_message_callback_t callback, const void *data) {
  return context->api->router_map(context, route, callback, data);
}
/* A parameter of the call, or NULL when absent. */
static inline const char *sapi_ipc_message_get(const sapi_ipc_message_t *message, const char *key) {
  return message->api->message_get(message, key);
}
static inline const char *sapi_ipc_message_get_name(const sapi_ipc_message_t *message) {
  return message->api->message_get_name(message);
}
static inline const void *sapi_ipc_message_get_data(const sapi_ipc_message_t *message) {
  return message->api->message_get_data(message);
}
/* The answer to `message`: set its JSON (or an error), then sapi_ipc_reply it, at once or later from any
   thread. The reply frees it. */
static inline sapi_ipc_result_t *sapi_ipc_result_create(sapi_context_t *context, sapi_ipc_message_t *message) {
  return context->api->result_create(context, message);
}
/* False (and the call fails with an InternalError) when `json` is not valid JSON. */
static inline bool sapi_ipc_result_set_json(sapi_ipc_result_t *result, const char *json) {
  return result->api->result_set_json(result, json);
}
static inline void sapi_ipc_result_set_error(sapi_ipc_result_t *result, const char *message) {
  result->api->result_set_error(result, message);
}
static inline bool sapi_ipc_reply(sapi_ipc_result_t *result) { return result->api->reply(result); }
static inline void sapi_log(sapi_context_t *context, const char *message) { context->api->log(context, message); }

/* The deinitializer runs on unload: it must stop (join) any thread of the extension's own, because the host
   closes the library once no reply is pending, and code still running in it then would crash the app. */

/* What the host finds in the shared object (the symbol __sapi_extension_init). */
typedef struct sapi_extension_registration {
  unsigned abi;
  const char *name;
  const char *description;
  const char *version;
  sapi_extension_initializer_t initializer;
  sapi_extension_deinitializer_t deinitializer;
} sapi_extension_registration_t;

#ifdef __cplusplus
#define SAPI_EXTERN_C extern "C"
#else
#define SAPI_EXTERN_C
#endif

/* One per extension, at file scope:
   SOCKET_RUNTIME_REGISTER_EXTENSION("ping", initialize, deinitialize, "answers pings", "1.0.0") */
#define SOCKET_RUNTIME_REGISTER_EXTENSION(name, initializer, deinitializer, description, version)            \
  SAPI_EXTERN_C __attribute__((visibility("default"))) const sapi_extension_registration_t *                   \
  __sapi_extension_init(void) {                                                                               \
    static const sapi_extension_registration_t registration = {SOCKET_RUNTIME_EXTENSION_ABI, name, description, \
                                                               version, initializer, deinitializer};          \
    return &registration;                                                                                     \
  }

#ifdef __cplusplus
}
#endif

#endif
