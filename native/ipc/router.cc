#include "ipc/router.hh"

#include <cctype>

namespace ipc {

static std::string lower (const std::string& text) {
  std::string out = text;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void Router::map (const std::string& route, Handler handler) { handlers[lower(route)] = std::move(handler); }

bool Router::has (const std::string& route) const { return handlers.count(lower(route)) > 0; }

std::vector<std::string> Router::routes () const {
  std::vector<std::string> out;
  for (const auto& entry : handlers) out.push_back(entry.first);
  return out;
}

void Router::dispatch (const Message& message, const Context& context, Reply reply) const {
  const auto it = handlers.find(lower(message.route));
  if (it == handlers.end()) {
    reply.error(Error::notFound("Not found: no route named '" + message.route + "'"), 404);
    return;
  }
  it->second(message, context, std::move(reply));
}

}  // namespace ipc
