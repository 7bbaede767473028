// The app's answer to the IDL's `[Permission=<name>]`: socket.ini `[permissions] allow_<name>` when present,
// otherwise the default generated/cpp/permissions.hh gives the name (docs/permissions.md lists them all).
#pragma once
#include <memory>
#include <string>

#include "ipc/context.hh"

namespace host {

class Config;

class ConfigPermissionPolicy : public ipc::PermissionPolicy {
 public:
  explicit ConfigPermissionPolicy(const Config &config) : config_(config) {}
  bool allows(const std::string &permission) const override;

 private:
  const Config &config_;
};

// The policy of the app whose config this is, for the Context of one request.
std::shared_ptr<const ipc::PermissionPolicy> permissionPolicy(const Config &config);

}  // namespace host
