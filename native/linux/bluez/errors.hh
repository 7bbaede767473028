// The typed errors of socket:bluetooth, and BlueZ's D-Bus errors mapped onto them (see docs/host.md).
#pragma once
#include <glib.h>

#include <string>

#include "ipc/error.hh"

namespace host::bluez {

ipc::Error noAdapter(const std::string &why);
ipc::Error poweredOff();
ipc::Error deviceGone(const std::string &deviceId);
ipc::Error notFoundOnDevice(const std::string &what);
ipc::Error notStarted(const std::string &serviceId);
// A failed D-Bus call of `method`: org.bluez.Error.* by name, timeouts, a missing BlueZ, others.
ipc::Error fromDBus(const GError *error, const std::string &method);

}  // namespace host::bluez
