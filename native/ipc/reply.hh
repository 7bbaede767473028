// ipc::Reply: the one answer to one request. Copyable (copies share state); the first answer wins and later
// ones are ignored, and a request whose every copy is dropped unanswered gets an InternalError, so a caller is
// never left waiting. Safe to call from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ipc/error.hh"
#include "ipc/json.hh"

namespace ipc {

struct Response {
  int status = 200;
  std::string contentType;        // "application/json" or "application/octet-stream"
  std::vector<uint8_t> body;      // the `{source, token, id, data|err}` envelope, or raw bytes
};

class Reply {
 public:
  using Sink = std::function<void(Response)>;

  // `source` is the route ("fs.open"); `token` the request's `ipc-token` (empty: JSON null).
  Reply (std::string source, std::string token, Sink sink);

  bool data (const Json& value);     // success with JSON data
  bool ok () { return data(Json()); } // success without data (`data: null`)
  bool binary (std::vector<uint8_t> bytes, std::string contentType = "application/octet-stream");
  bool error (const Error& error, int status = 200);
  bool answered () const;
  const std::string& source () const;

 private:
  struct State;
  std::shared_ptr<State> state;
};

// Builds the JSON envelope of a reply; exposed for hosts that answer outside a Reply (e.g. the 404 path).
std::string envelope (const std::string& source, const std::string& token, const Json* data, const Error* error);

}  // namespace ipc
