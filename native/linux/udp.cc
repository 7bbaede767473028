#include <arpa/inet.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "linux/udp_service.hh"

namespace host {

using namespace api::udp;

namespace {
// How many datagrams one wake-up reads before yielding to the rest of the main loop.
constexpr int kDatagramsPerWake = 64;

struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = 0;
};

// Parses a numeric IPv4 or IPv6 address (no name lookups: this is a socket, not a resolver).
bool parseAddress(const std::string &text, uint16_t port, Address &out) {
  auto *v4 = reinterpret_cast<sockaddr_in *>(&out.storage);
  auto *v6 = reinterpret_cast<sockaddr_in6 *>(&out.storage);
  std::string host = text == "localhost" ? "127.0.0.1" : text;
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    out.length = sizeof(sockaddr_in);
    out.family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    out.length = sizeof(sockaddr_in6);
    out.family = AF_INET6;
    return true;
  }
  return false;
}

SocketAddress describe(const sockaddr_storage &storage) {
  char text[INET6_ADDRSTRLEN] = "";
  SocketAddress out;
  if (storage.ss_family == AF_INET6) {
    auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&storage);
    inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    out.port = ntohs(v6->sin6_port);
    out.family = AddressFamily::IPv6;
  } else {
    auto *v4 = reinterpret_cast<const sockaddr_in *>(&storage);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    out.port = ntohs(v4->sin_port);
    out.family = AddressFamily::IPv4;
  }
  out.address = text;
  return out;
}

bool badAddress(ipc::Reply &reply, const std::string &address) {
  return reply.error(ipc::Error::typeError("'" + address + "' is not a numeric IPv4 or IPv6 address"));
}

bool fail(ipc::Reply &reply, const char *syscall) {
  return reply.error(ipc::Error::fromErrno(errno, syscall));
}

// An IPv6 address with an optional "%scope" (an interface name or number), as libuv's uv_ip6_addr reads it.
bool parseIpv6(const std::string &text, in6_addr &address, unsigned &scope) {
  auto percent = text.find('%');
  std::string host = text.substr(0, percent);
  if (inet_pton(AF_INET6, host.c_str(), &address) != 1) return false;
  scope = 0;
  if (percent != std::string::npos) {
    std::string name = text.substr(percent + 1);
    scope = if_nametoindex(name.c_str());
    if (scope == 0) scope = static_cast<unsigned>(std::strtoul(name.c_str(), nullptr, 10));
  }
  return true;
}
}  // namespace

UdpServiceImpl::~UdpServiceImpl() {
  for (auto &[id, socket] : sockets_) destroy(*socket);
}

void UdpServiceImpl::destroy(Socket &socket) {
  if (socket.readSource) g_source_remove(socket.readSource);
  socket.readSource = 0;
  if (socket.fd >= 0) ::close(socket.fd);
  socket.fd = -1;
}

UdpServiceImpl::Socket *UdpServiceImpl::find(uint64_t id, ipc::Reply &reply) {
  auto found = sockets_.find(id);
  if (found != sockets_.end()) return found->second.get();
  ipc::Error error = ipc::Error::fromErrno(EBADF, "udp");
  error.message = "no UDP socket with id " + std::to_string(id) + " in this window";
  reply.error(error);
  return nullptr;
}

UdpServiceImpl::Socket *UdpServiceImpl::ensure(uint64_t id, int family, ipc::Reply &reply) {
  auto found = sockets_.find(id);
  if (found != sockets_.end()) {
    if (found->second->family != family) {
      reply.error(ipc::Error::typeError("socket " + std::to_string(id) + " is " +
                                        (found->second->family == AF_INET6 ? "IPv6" : "IPv4") + ", the address is not"));
      return nullptr;
    }
    return found->second.get();
  }
  int fd = ::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    fail(reply, "socket");
    return nullptr;
  }
  auto socket = std::make_unique<Socket>();
  socket->id = id;
  socket->fd = fd;
  socket->family = family;
  Socket *raw = socket.get();
  sockets_[id] = std::move(socket);
  return raw;
}

void UdpServiceImpl::bind(const ipc::Context &, BindArgs args, ipc::Reply reply) {
  Address address;
  if (!parseAddress(args.address, args.port, address)) return (void)badAddress(reply, args.address);
  bool existed = sockets_.count(args.id) > 0;
  Socket *socket = ensure(args.id, address.family, reply);
  if (!socket) return;
  if (socket->bound) return (void)reply.error(ipc::Error::fromErrno(EINVAL, "bind"));
  if (args.reuseAddr) {
    int on = 1;
    setsockopt(socket->fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    setsockopt(socket->fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
  }
  if (::bind(socket->fd, reinterpret_cast<sockaddr *>(&address.storage), address.length) != 0) {
    int saved = errno;
    if (!existed) { destroy(*socket); sockets_.erase(args.id); }
    errno = saved;
    return (void)fail(reply, "bind");
  }
  socket->bound = true;
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  getsockname(socket->fd, reinterpret_cast<sockaddr *>(&local), &length);
  resolveBind(reply, describe(local));
}

void UdpServiceImpl::connect(const ipc::Context &, ConnectArgs args, ipc::Reply reply) {
  Address address;
  if (!parseAddress(args.address, args.port, address)) return (void)badAddress(reply, args.address);
  if (args.port == 0) return (void)reply.error(ipc::Error::rangeError("port must be 1 to 65535 to connect"));
  Socket *socket = ensure(args.id, address.family, reply);
  if (!socket) return;
  if (socket->connected) return (void)reply.error(ipc::Error::fromErrno(EISCONN, "connect"));
  if (::connect(socket->fd, reinterpret_cast<sockaddr *>(&address.storage), address.length) != 0)
    return (void)fail(reply, "connect");
  socket->connected = true;
  socket->bound = true;  // the kernel bound it to an ephemeral port
  sockaddr_storage peer{};
  socklen_t length = sizeof peer;
  getpeername(socket->fd, reinterpret_cast<sockaddr *>(&peer), &length);
  resolveConnect(reply, describe(peer));
}

void UdpServiceImpl::disconnect(const ipc::Context &, DisconnectArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  if (!socket->connected) return (void)reply.error(ipc::Error::fromErrno(ENOTCONN, "disconnect"));
  sockaddr unspecified{};
  unspecified.sa_family = AF_UNSPEC;
  ::connect(socket->fd, &unspecified, sizeof unspecified);
  socket->connected = false;
  resolveDisconnect(reply);
}

void UdpServiceImpl::send(const ipc::Context &, SendArgs args, ipc::Reply reply) {
  ssize_t sent;
  if (args.address.empty() && args.port == 0) {
    Socket *socket = find(args.id, reply);
    if (!socket) return;
    if (!socket->connected) return (void)reply.error(ipc::Error::fromErrno(EDESTADDRREQ, "send"));
    sent = ::send(socket->fd, args.data.data(), args.data.size(), 0);
  } else {
    Address address;
    std::string host = args.address.empty() ? "127.0.0.1" : args.address;
    if (!parseAddress(host, args.port, address)) return (void)badAddress(reply, host);
    if (args.port == 0) return (void)reply.error(ipc::Error::rangeError("port must be 1 to 65535 to send"));
    if (args.ephemeral && !sockets_.count(args.id)) {
      // A one-off datagram from a throwaway socket (the original's `ephemeral`).
      int fd = ::socket(address.family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (fd < 0) return (void)fail(reply, "socket");
      sent = ::sendto(fd, args.data.data(), args.data.size(), 0, reinterpret_cast<sockaddr *>(&address.storage), address.length);
      int saved = errno;
      ::close(fd);
      errno = saved;
    } else {
      Socket *socket = ensure(args.id, address.family, reply);
      if (!socket) return;
      sent = ::sendto(socket->fd, args.data.data(), args.data.size(), 0, reinterpret_cast<sockaddr *>(&address.storage), address.length);
      if (sent >= 0) socket->bound = true;  // sending binds an unbound socket to an ephemeral port
    }
  }
  if (sent < 0) return (void)fail(reply, "send");
  resolveSend(reply, SendResult{static_cast<uint32_t>(sent)});
}

void UdpServiceImpl::readStart(const ipc::Context &context, ReadStartArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  if (!socket->bound) return (void)reply.error(ipc::Error::fromErrno(ENOTCONN, "readStart"));
  socket->events = context.events;
  if (!socket->readSource) socket->readSource = g_unix_fd_add(socket->fd, G_IO_IN, onReadable, socket);
  resolveReadStart(reply);
}

gboolean UdpServiceImpl::onReadable(gint fd, GIOCondition, gpointer data) {
  auto *socket = static_cast<Socket *>(data);
  static thread_local std::vector<uint8_t> buffer(65536);
  for (int i = 0; i < kDatagramsPerWake; i++) {
    sockaddr_storage from{};
    socklen_t length = sizeof from;
    ssize_t got = ::recvfrom(fd, buffer.data(), buffer.size(), MSG_DONTWAIT, reinterpret_cast<sockaddr *>(&from), &length);
    if (got < 0) break;  // EAGAIN: drained (ICMP errors on connected sockets are dropped, as in Node)
    if (!socket->events) continue;
    SocketAddress source = describe(from);
    emitDatagram(*socket->events, Datagram{socket->id, source.port, source.address, static_cast<uint32_t>(got)},
                 std::vector<uint8_t>(buffer.begin(), buffer.begin() + got));
  }
  return G_SOURCE_CONTINUE;
}

void UdpServiceImpl::readStop(const ipc::Context &, ReadStopArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  if (socket->readSource) g_source_remove(socket->readSource);
  socket->readSource = 0;
  resolveReadStop(reply);
}

void UdpServiceImpl::close(const ipc::Context &, CloseArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  destroy(*socket);
  sockets_.erase(args.id);
  resolveClose(reply);
}

void UdpServiceImpl::getSockName(const ipc::Context &, GetSockNameArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  if (!socket->bound) return (void)reply.error(ipc::Error::fromErrno(EBADF, "getsockname"));
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (getsockname(socket->fd, reinterpret_cast<sockaddr *>(&local), &length) != 0) return (void)fail(reply, "getsockname");
  resolveGetSockName(reply, describe(local));
}

void UdpServiceImpl::getPeerName(const ipc::Context &, GetPeerNameArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  sockaddr_storage peer{};
  socklen_t length = sizeof peer;
  if (!socket->connected || getpeername(socket->fd, reinterpret_cast<sockaddr *>(&peer), &length) != 0)
    return (void)reply.error(ipc::Error::fromErrno(ENOTCONN, "getpeername"));
  resolveGetPeerName(reply, describe(peer));
}

void UdpServiceImpl::getState(const ipc::Context &, GetStateArgs args, ipc::Reply reply) {
  auto found = sockets_.find(args.id);
  if (found == sockets_.end()) return (void)resolveGetState(reply, SocketState{args.id, false, false, false, true});
  Socket &socket = *found->second;
  resolveGetState(reply, SocketState{args.id, socket.bound, socket.connected, socket.readSource != 0, false});
}

void UdpServiceImpl::bufferSize(const ipc::Context &, BufferSizeArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  if (args.buffer > 1) return (void)reply.error(ipc::Error::rangeError("buffer must be 0 (send) or 1 (receive)"));
  int option = args.buffer == 0 ? SO_SNDBUF : SO_RCVBUF;
  if (args.size > 0) {
    int size = static_cast<int>(std::min<uint32_t>(args.size, INT32_MAX));
    if (setsockopt(socket->fd, SOL_SOCKET, option, &size, sizeof size) != 0) return (void)fail(reply, "setsockopt");
  }
  int current = 0;
  socklen_t length = sizeof current;
  if (getsockopt(socket->fd, SOL_SOCKET, option, &current, &length) != 0) return (void)fail(reply, "getsockopt");
  resolveBufferSize(reply, BufferSize{static_cast<uint32_t>(current)});
}

void UdpServiceImpl::membership(uint64_t id, const std::string &group, const std::string &interface, bool join,
                                const char *syscall, ipc::Reply &reply) {
  Socket *socket = find(id, reply);
  if (!socket) return;
  in_addr group4;
  in6_addr group6;
  unsigned scope = 0;
  int status;
  if (inet_pton(AF_INET, group.c_str(), &group4) == 1) {
    ip_mreq request{};
    request.imr_multiaddr = group4;
    request.imr_interface.s_addr = htonl(INADDR_ANY);
    if (!interface.empty() && inet_pton(AF_INET, interface.c_str(), &request.imr_interface) != 1) {
      errno = EINVAL;
      return (void)fail(reply, syscall);
    }
    status = setsockopt(socket->fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &request, sizeof request);
  } else if (parseIpv6(group, group6, scope)) {
    ipv6_mreq request{};
    request.ipv6mr_multiaddr = group6;
    if (!interface.empty()) {
      in6_addr ignored;
      if (!parseIpv6(interface, ignored, scope)) {
        errno = EINVAL;
        return (void)fail(reply, syscall);
      }
      request.ipv6mr_interface = scope;
    }
    status = setsockopt(socket->fd, IPPROTO_IPV6, join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, &request, sizeof request);
  } else {
    errno = EINVAL;
    return (void)fail(reply, syscall);
  }
  if (status != 0) {
    if (errno == ENXIO) errno = ENODEV;  // as libuv reports a missing interface
    return (void)fail(reply, syscall);
  }
  reply.ok();
}

void UdpServiceImpl::addMembership(const ipc::Context &, AddMembershipArgs args, ipc::Reply reply) {
  membership(args.id, args.multicastAddress, args.interfaceAddress, true, "addMembership", reply);
}

void UdpServiceImpl::dropMembership(const ipc::Context &, DropMembershipArgs args, ipc::Reply reply) {
  membership(args.id, args.multicastAddress, args.interfaceAddress, false, "dropMembership", reply);
}

bool UdpServiceImpl::setIntOption(uint64_t id, int v4Level, int v4Name, int v6Level, int v6Name, int value,
                                  const char *syscall, ipc::Reply &reply) {
  Socket *socket = find(id, reply);
  if (!socket) return false;
  bool v6 = socket->family == AF_INET6;
  if (setsockopt(socket->fd, v6 ? v6Level : v4Level, v6 ? v6Name : v4Name, &value, sizeof value) == 0) return true;
  fail(reply, syscall);
  return false;
}

void UdpServiceImpl::setMulticastTTL(const ipc::Context &, SetMulticastTTLArgs args, ipc::Reply reply) {
  if (args.ttl < 0 || args.ttl > 255) return (void)reply.error(ipc::Error::fromErrno(EINVAL, "setMulticastTTL"));
  if (setIntOption(args.id, IPPROTO_IP, IP_MULTICAST_TTL, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, args.ttl, "setMulticastTTL", reply))
    resolveSetMulticastTTL(reply);
}

void UdpServiceImpl::setMulticastLoopback(const ipc::Context &, SetMulticastLoopbackArgs args, ipc::Reply reply) {
  if (setIntOption(args.id, IPPROTO_IP, IP_MULTICAST_LOOP, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, args.flag ? 1 : 0, "setMulticastLoopback", reply))
    resolveSetMulticastLoopback(reply);
}

void UdpServiceImpl::setMulticastInterface(const ipc::Context &, SetMulticastInterfaceArgs args, ipc::Reply reply) {
  Socket *socket = find(args.id, reply);
  if (!socket) return;
  in_addr address4;
  in6_addr address6;
  unsigned scope = 0;
  int status;
  // As libuv: an IPv4 address picks the interface by address, an IPv6 one by its scope.
  if (inet_pton(AF_INET, args.interfaceAddress.c_str(), &address4) == 1) {
    status = setsockopt(socket->fd, IPPROTO_IP, IP_MULTICAST_IF, &address4, sizeof address4);
  } else if (parseIpv6(args.interfaceAddress, address6, scope)) {
    status = setsockopt(socket->fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &scope, sizeof scope);
  } else {
    return (void)reply.error(ipc::Error::fromErrno(EINVAL, "setMulticastInterface"));
  }
  if (status != 0) return (void)fail(reply, "setMulticastInterface");
  resolveSetMulticastInterface(reply);
}

void UdpServiceImpl::setBroadcast(const ipc::Context &, SetBroadcastArgs args, ipc::Reply reply) {
  if (setIntOption(args.id, SOL_SOCKET, SO_BROADCAST, SOL_SOCKET, SO_BROADCAST, args.flag ? 1 : 0, "setBroadcast", reply))
    resolveSetBroadcast(reply);
}

void UdpServiceImpl::setTTL(const ipc::Context &, SetTTLArgs args, ipc::Reply reply) {
  if (args.ttl < 1 || args.ttl > 255) return (void)reply.error(ipc::Error::fromErrno(EINVAL, "setTTL"));
  if (setIntOption(args.id, IPPROTO_IP, IP_TTL, IPPROTO_IPV6, IPV6_UNICAST_HOPS, args.ttl, "setTTL", reply))
    resolveSetTTL(reply);
}

}  // namespace host
