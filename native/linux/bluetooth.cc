// bluetooth: every route is checked against `[permissions] allow_bluetooth` and handed to the BlueZ central
// or peripheral role; both share one connection to the system bus and one copy of BlueZ's object tree.
#include "linux/bluetooth_service.hh"

#include "linux/app.hh"
#include "linux/bluez/bus.hh"
#include "linux/bluez/central.hh"
#include "linux/bluez/objects.hh"
#include "linux/bluez/peripheral.hh"
#include "linux/bluez/uuid.hh"

namespace host {

using namespace api::bluetooth;

namespace {
// Ids are checked here so that BlueZ never sees a malformed one (it would answer InvalidArguments, or worse,
// an object path built from it).
bool validUuid(const std::string &value, const char *name, ipc::Reply &reply) {
  if (bluez::isUuid(value)) return true;
  reply.error(ipc::Error::typeError(std::string(name) + " must be a Bluetooth UUID (e.g. \"180d\" or \"0000180d-0000-1000-8000-00805f9b34fb\"), got \"" + value + "\""));
  return false;
}

bool validAddress(const std::string &value, ipc::Reply &reply) {
  if (bluez::isAddress(value)) return true;
  reply.error(ipc::Error::typeError("deviceId must be a device address like \"AA:BB:CC:DD:EE:FF\", got \"" + value + "\""));
  return false;
}

bool validGatt(const std::string &device, const std::string &service, const std::string &characteristic, ipc::Reply &reply) {
  return validAddress(device, reply) && validUuid(service, "serviceId", reply) && validUuid(characteristic, "characteristicId", reply);
}
}  // namespace

BluetoothServiceImpl::BluetoothServiceImpl(App &app)
    : allowed_(app.config().flag("permissions_allow_bluetooth", true)), alive_(std::make_shared<int>(0)) {
  bus_ = std::make_unique<bluez::Bus>(alive_);
  objects_ = std::make_unique<bluez::ObjectCache>(*bus_);
  central_ = std::make_unique<bluez::Central>(*bus_, *objects_);
  peripheral_ = std::make_unique<bluez::Peripheral>(*bus_, *objects_, *central_);
}

BluetoothServiceImpl::~BluetoothServiceImpl() {
  alive_.reset();  // first: nothing queued may call into the parts below while they go
  peripheral_.reset();
  central_.reset();
  objects_.reset();
  bus_.reset();
}

bool BluetoothServiceImpl::admit(const ipc::Context &context, ipc::Reply &reply) {
  if (!allowed_) {
    reply.error(ipc::Error::notAllowed("bluetooth is not allowed for this app ([permissions] allow_bluetooth = false)"));
    return false;
  }
  if (context.events) {
    central_->setEvents(context.events);
    peripheral_->setEvents(context.events);
  }
  return true;
}

void BluetoothServiceImpl::start(const ipc::Context &context, StartArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validUuid(args.serviceId, "serviceId", reply)) peripheral_->start(args.serviceId, reply);
}

void BluetoothServiceImpl::subscribe(const ipc::Context &context, SubscribeArgs args, ipc::Reply reply) {
  if (!admit(context, reply) || !validUuid(args.serviceId, "serviceId", reply) || !validUuid(args.characteristicId, "characteristicId", reply)) return;
  // This app's own characteristic of that id (if it serves that service) takes remote writes too.
  peripheral_->ensureCharacteristic(args.serviceId, args.characteristicId, [this, args, reply](const ipc::Error *error) mutable {
    if (error) return (void)reply.error(*error);
    central_->subscribe(args.serviceId, args.characteristicId, reply);
  });
}

void BluetoothServiceImpl::publish(const ipc::Context &context, PublishArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validUuid(args.serviceId, "serviceId", reply) && validUuid(args.characteristicId, "characteristicId", reply))
    peripheral_->publish(args.serviceId, args.characteristicId, std::move(args.message), reply);
}

void BluetoothServiceImpl::getAdapterState(const ipc::Context &context, GetAdapterStateArgs, ipc::Reply reply) {
  if (admit(context, reply)) central_->adapterState(reply);
}

void BluetoothServiceImpl::startScan(const ipc::Context &context, StartScanArgs args, ipc::Reply reply) {
  if (!admit(context, reply)) return;
  for (const auto &id : args.serviceIds)
    if (!validUuid(id, "serviceIds[]", reply)) return;
  central_->startScan(std::move(args.serviceIds), args.rssi, args.transport, reply);
}

void BluetoothServiceImpl::stopScan(const ipc::Context &context, StopScanArgs, ipc::Reply reply) {
  if (admit(context, reply)) central_->stopScan(reply);
}

void BluetoothServiceImpl::getDevices(const ipc::Context &context, GetDevicesArgs, ipc::Reply reply) {
  if (admit(context, reply)) central_->devices(reply);
}

void BluetoothServiceImpl::connect(const ipc::Context &context, ConnectArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validAddress(args.deviceId, reply)) central_->connect(args.deviceId, reply);
}

void BluetoothServiceImpl::disconnect(const ipc::Context &context, DisconnectArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validAddress(args.deviceId, reply)) central_->disconnect(args.deviceId, reply);
}

void BluetoothServiceImpl::getServices(const ipc::Context &context, GetServicesArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validAddress(args.deviceId, reply)) central_->services(args.deviceId, reply);
}

void BluetoothServiceImpl::readCharacteristic(const ipc::Context &context, ReadCharacteristicArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validGatt(args.deviceId, args.serviceId, args.characteristicId, reply)) central_->read(args.deviceId, args.serviceId, args.characteristicId, reply);
}

void BluetoothServiceImpl::writeCharacteristic(const ipc::Context &context, WriteCharacteristicArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validGatt(args.deviceId, args.serviceId, args.characteristicId, reply))
    central_->write(args.deviceId, args.serviceId, args.characteristicId, std::move(args.value), args.withResponse, reply);
}

void BluetoothServiceImpl::startNotifications(const ipc::Context &context, StartNotificationsArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validGatt(args.deviceId, args.serviceId, args.characteristicId, reply)) central_->notifications(args.deviceId, args.serviceId, args.characteristicId, true, reply);
}

void BluetoothServiceImpl::stopNotifications(const ipc::Context &context, StopNotificationsArgs args, ipc::Reply reply) {
  if (admit(context, reply) && validGatt(args.deviceId, args.serviceId, args.characteristicId, reply)) central_->notifications(args.deviceId, args.serviceId, args.characteristicId, false, reply);
}

}  // namespace host
