// ipc::Router: route name to handler. Lookup is case-insensitive, as in the original; an unknown route is
// answered with HTTP 404 and a NotFoundError.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ipc/context.hh"
#include "ipc/message.hh"
#include "ipc/reply.hh"

namespace ipc {

class Router {
 public:
  using Handler = std::function<void(const Message&, const Context&, Reply)>;

  void map (const std::string& route, Handler handler);
  bool has (const std::string& route) const;
  std::vector<std::string> routes () const;  // lower-cased, sorted
  void dispatch (const Message& message, const Context& context, Reply reply) const;

 private:
  std::map<std::string, Handler> handlers;
};

}  // namespace ipc
