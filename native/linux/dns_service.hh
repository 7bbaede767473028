// dns: the generated DnsService on the system resolver. getaddrinfo can block for seconds, so every lookup
// runs on its own short-lived worker thread and answers through the Reply (which may outlive the window).
#pragma once
#include "generated/cpp/dns.hh"

namespace host {

class DnsServiceImpl : public api::dns::DnsService {
 public:
  void lookup(const ipc::Context &, api::dns::LookupArgs, ipc::Reply) override;
};

}  // namespace host
