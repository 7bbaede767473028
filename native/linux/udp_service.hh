// udp: the generated UdpService on real UDP sockets. Datagrams are read on the GTK main loop (no threads) and
// reach the page as batched `data` events. Sockets belong to the window and close with it.
#pragma once
#include <glib.h>

#include <map>
#include <memory>

#include "generated/cpp/udp.hh"

namespace host {

class UdpServiceImpl : public api::udp::UdpService {
 public:
  ~UdpServiceImpl() override;

  void bind(const ipc::Context &, api::udp::BindArgs, ipc::Reply) override;
  void connect(const ipc::Context &, api::udp::ConnectArgs, ipc::Reply) override;
  void disconnect(const ipc::Context &, api::udp::DisconnectArgs, ipc::Reply) override;
  void send(const ipc::Context &, api::udp::SendArgs, ipc::Reply) override;
  void readStart(const ipc::Context &, api::udp::ReadStartArgs, ipc::Reply) override;
  void readStop(const ipc::Context &, api::udp::ReadStopArgs, ipc::Reply) override;
  void close(const ipc::Context &, api::udp::CloseArgs, ipc::Reply) override;
  void getSockName(const ipc::Context &, api::udp::GetSockNameArgs, ipc::Reply) override;
  void getPeerName(const ipc::Context &, api::udp::GetPeerNameArgs, ipc::Reply) override;
  void getState(const ipc::Context &, api::udp::GetStateArgs, ipc::Reply) override;
  void bufferSize(const ipc::Context &, api::udp::BufferSizeArgs, ipc::Reply) override;
  void addMembership(const ipc::Context &, api::udp::AddMembershipArgs, ipc::Reply) override;
  void dropMembership(const ipc::Context &, api::udp::DropMembershipArgs, ipc::Reply) override;
  void setMulticastTTL(const ipc::Context &, api::udp::SetMulticastTTLArgs, ipc::Reply) override;
  void setMulticastLoopback(const ipc::Context &, api::udp::SetMulticastLoopbackArgs, ipc::Reply) override;
  void setMulticastInterface(const ipc::Context &, api::udp::SetMulticastInterfaceArgs, ipc::Reply) override;
  void setBroadcast(const ipc::Context &, api::udp::SetBroadcastArgs, ipc::Reply) override;
  void setTTL(const ipc::Context &, api::udp::SetTTLArgs, ipc::Reply) override;

 private:
  struct Socket {
    uint64_t id = 0;
    int fd = -1;
    int family = 0;
    bool bound = false;
    bool connected = false;
    guint readSource = 0;
    std::shared_ptr<ipc::EventSink> events;
  };

  Socket *find(uint64_t id, ipc::Reply &reply);
  // Joins (`join`) or leaves a multicast group; errors name `syscall` (addMembership / dropMembership).
  void membership(uint64_t id, const std::string &group, const std::string &interface, bool join, const char *syscall, ipc::Reply &reply);
  // Sets an int socket option, the IPv4 or the IPv6 one by the socket's family.
  bool setIntOption(uint64_t id, int v4Level, int v4Name, int v6Level, int v6Name, int value, const char *syscall, ipc::Reply &reply);
  // Creates the socket for `id` if it does not exist yet, for the family of `address`.
  Socket *ensure(uint64_t id, int family, ipc::Reply &reply);
  static gboolean onReadable(gint fd, GIOCondition condition, gpointer data);
  static void destroy(Socket &socket);

  std::map<uint64_t, std::unique_ptr<Socket>> sockets_;
};

}  // namespace host
