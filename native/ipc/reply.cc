#include "ipc/reply.hh"

#include <atomic>
#include <mutex>
#include <random>

namespace ipc {

static std::string randomId () {
  static std::mutex mutex;
  static std::mt19937_64 generator{std::random_device{}()};
  std::lock_guard<std::mutex> lock(mutex);
  return std::to_string(generator());
}

std::string envelope (const std::string& source, const std::string& token, const Json* data, const Error* error) {
  std::string out = "{\"source\":";
  appendJsonString(out, source);
  out += ",\"token\":";
  if (token.empty()) out += "null"; else appendJsonString(out, token);
  out += ",\"id\":";
  appendJsonString(out, randomId());
  if (error) {
    out += ",\"err\":";
    error->toJson().stringifyTo(out);
  } else {
    out += ",\"data\":";
    if (data) data->stringifyTo(out); else out += "null";
  }
  out += '}';
  return out;
}

struct Reply::State {
  std::string source;
  std::string token;
  Sink sink;
  std::atomic<bool> done{false};

  bool send (Response response) {
    if (done.exchange(true)) return false;
    if (sink) sink(std::move(response));
    return true;
  }

  bool sendJson (const Json* data, const Error* error, int status) {
    const std::string body = envelope(source, token, data, error);
    return send({status, "application/json", std::vector<uint8_t>(body.begin(), body.end())});
  }

  ~State () {
    if (!done) {
      const auto error = Error::internal(source + ": the service dropped the request without answering");
      sendJson(nullptr, &error, 500);
    }
  }
};

Reply::Reply (std::string source, std::string token, Sink sink)
  : state(std::make_shared<State>()) {
  state->source = std::move(source);
  state->token = std::move(token);
  state->sink = std::move(sink);
}

bool Reply::data (const Json& value) { return state->sendJson(&value, nullptr, 200); }

bool Reply::binary (std::vector<uint8_t> bytes, std::string contentType) {
  return state->send({200, std::move(contentType), std::move(bytes)});
}

bool Reply::error (const Error& error, int status) { return state->sendJson(nullptr, &error, status); }

bool Reply::answered () const { return state->done; }

const std::string& Reply::source () const { return state->source; }

}  // namespace ipc
