#include "linux/permission_policy.hh"

#include "generated/cpp/permissions.hh"
#include "linux/config.hh"

namespace host {

bool ConfigPermissionPolicy::allows(const std::string &permission) const {
  for (const auto &known : api::permissions::kAll) {
    if (permission == known.name) return config_.flag("permissions_allow_" + permission, known.grantedByDefault);
  }
  return false;  // a name the IDL does not declare is never granted
}

std::shared_ptr<const ipc::PermissionPolicy> permissionPolicy(const Config &config) {
  return std::make_shared<ConfigPermissionPolicy>(config);
}

}  // namespace host
