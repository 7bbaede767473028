// bluetooth: there is no radio on this host's build. Every route answers NotSupportedError saying so; the
// original also had Bluetooth on Apple platforms only.
#include "generated/cpp/bluetooth.hh"
#include "linux/bluetooth_service.hh"

namespace host {

namespace {
ipc::Error unsupported(const char *what) {
  return ipc::Error::notSupported(std::string("bluetooth.") + what +
                                  " is not implemented by the Linux host (no BlueZ support in this build)");
}
}  // namespace

void BluetoothServiceImpl::start(const ipc::Context &, api::bluetooth::StartArgs, ipc::Reply reply) { reply.error(unsupported("start")); }
void BluetoothServiceImpl::subscribe(const ipc::Context &, api::bluetooth::SubscribeArgs, ipc::Reply reply) { reply.error(unsupported("subscribe")); }
void BluetoothServiceImpl::publish(const ipc::Context &, api::bluetooth::PublishArgs, ipc::Reply reply) { reply.error(unsupported("publish")); }

}  // namespace host
