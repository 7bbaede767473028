#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <set>
#include <thread>

#include "linux/dns_service.hh"

namespace host {

using namespace api::dns;

namespace {
// A resolver failure shaped like Node's (libuv's codes and negative numbers, stored as-is: ENOTFOUND is -3008).
ipc::Error resolverError(int status, const std::string &hostname) {
  std::string code = "EAI_FAIL";
  int number = -3007;
  if (status == EAI_NONAME || status == EAI_NODATA || status == EAI_ADDRFAMILY) code = "ENOTFOUND", number = -3008;
  else if (status == EAI_AGAIN) code = "EAI_AGAIN", number = -3001;
  else if (status == EAI_MEMORY) code = "EAI_MEMORY", number = -3006;
  else if (status == EAI_SYSTEM) return ipc::Error::fromErrno(errno, "getaddrinfo", "");
  ipc::Error error{"ErrnoError", "getaddrinfo " + code + " " + hostname, code, number, "getaddrinfo", ""};
  return error;
}

void resolve(LookupArgs args, ipc::Reply reply) {
  addrinfo hints{};
  hints.ai_family = args.family == 4 ? AF_INET : args.family == 6 ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;  // one entry per address instead of one per socket type
  addrinfo *found = nullptr;
  int status = getaddrinfo(args.hostname.c_str(), nullptr, &hints, &found);
  if (status != 0) {
    reply.error(resolverError(status, args.hostname));
    return;
  }
  std::vector<LookupAddress> addresses;
  std::set<std::string> seen;
  for (addrinfo *entry = found; entry; entry = entry->ai_next) {
    char text[INET6_ADDRSTRLEN] = "";
    LookupAddress address;
    if (entry->ai_family == AF_INET) {
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(entry->ai_addr)->sin_addr, text, sizeof text);
      address.family = 4;
    } else if (entry->ai_family == AF_INET6) {
      inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 *>(entry->ai_addr)->sin6_addr, text, sizeof text);
      address.family = 6;
    } else {
      continue;
    }
    address.address = text;
    if (seen.insert(address.address).second) addresses.push_back(address);
  }
  freeaddrinfo(found);
  if (addresses.empty()) {
    reply.error(resolverError(EAI_NONAME, args.hostname));
    return;
  }
  resolveLookup(reply, addresses);
}
}  // namespace

void DnsServiceImpl::lookup(const ipc::Context &, LookupArgs args, ipc::Reply reply) {
  if (args.family != 0 && args.family != 4 && args.family != 6)
    return (void)reply.error(ipc::Error::typeError("family must be 0, 4 or 6"));
  if (args.hostname.empty()) return (void)reply.error(resolverError(EAI_NONAME, args.hostname));
  // Detached: the Reply owns everything the answer needs, so the thread may finish after the window closed.
  std::thread(resolve, std::move(args), std::move(reply)).detach();
}

}  // namespace host
