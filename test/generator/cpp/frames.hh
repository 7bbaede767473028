// Length-prefixed frames over stdin/stdout, so a Node test can drive a compiled dispatcher as its transport.
// Request: u32 uriLength, uri, u32 bodyLength, body. Response: u32 status, u32 typeLength, type, u32 bodyLength, body.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "ipc/ipc.hh"

namespace frames {

inline bool readExact (void* out, size_t size) { return size == 0 || std::fread(out, 1, size, stdin) == size; }

inline bool readU32 (uint32_t& value) {
  unsigned char b[4];
  if (!readExact(b, 4)) return false;
  value = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
  return true;
}

inline void writeU32 (uint32_t value) {
  const unsigned char b[4] = {
    static_cast<unsigned char>(value), static_cast<unsigned char>(value >> 8),
    static_cast<unsigned char>(value >> 16), static_cast<unsigned char>(value >> 24)
  };
  std::fwrite(b, 1, 4, stdout);
}

inline bool readRequest (std::string& uri, std::vector<uint8_t>& body) {
  uint32_t length = 0;
  if (!readU32(length)) return false;
  uri.resize(length);
  if (!readExact(uri.data(), length)) return false;
  if (!readU32(length)) return false;
  body.resize(length);
  return readExact(body.data(), length);
}

inline void writeResponse (const ipc::Response& response) {
  writeU32(static_cast<uint32_t>(response.status));
  writeU32(static_cast<uint32_t>(response.contentType.size()));
  std::fwrite(response.contentType.data(), 1, response.contentType.size(), stdout);
  writeU32(static_cast<uint32_t>(response.body.size()));
  std::fwrite(response.body.data(), 1, response.body.size(), stdout);
  std::fflush(stdout);
}

// Serves every request on stdin through `router` until stdin closes.
inline int serve (const ipc::Router& router) {
  std::string uri;
  std::vector<uint8_t> body;
  while (readRequest(uri, body)) {
    std::string error;
    auto message = ipc::Message::parse(uri, &error);
    if (!message) {
      ipc::Reply reply("", "", writeResponse);
      reply.error(ipc::Error::typeError("malformed request: " + error), 400);
      continue;
    }
    message->body = body;
    ipc::Context context;
    context.index = message->index;
    context.seq = message->seq;
    const auto* token = message->param("ipc-token");
    router.dispatch(*message, context, ipc::Reply(message->route, token ? *token : "", writeResponse));
  }
  return 0;
}

}  // namespace frames
