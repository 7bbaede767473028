// bluetooth: registered so that calls get a clear NotSupportedError instead of a 404.
#pragma once
#include "generated/cpp/bluetooth.hh"

namespace host {

class BluetoothServiceImpl : public api::bluetooth::BluetoothService {
 public:
  void start(const ipc::Context &, api::bluetooth::StartArgs, ipc::Reply) override;
  void subscribe(const ipc::Context &, api::bluetooth::SubscribeArgs, ipc::Reply) override;
  void publish(const ipc::Context &, api::bluetooth::PublishArgs, ipc::Reply) override;
};

}  // namespace host
