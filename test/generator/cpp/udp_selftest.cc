// Runs the generated udp dispatch (generated/cpp/udp_dispatch.cc) on sample messages, with a recording service
// and event sink: valid input reaches the service decoded, invalid input never does, and replies and events
// have the wire shapes of Contract 1. Prints one line per check and exits non-zero on the first failure.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "udp.hh"

using namespace api::udp;

static int checks = 0;

#define CHECK(cond) do { \
  ++checks; \
  if (!(cond)) { std::fprintf(stderr, "FAILED line %d: %s\n", __LINE__, #cond); std::exit(1); } \
} while (0)

struct Recorded {
  std::string method;
  BindArgs bind;
  SendArgs send;
};

class RecordingUdp : public UdpService {
 public:
  Recorded last;
  bool dropNextReply = false;

  void bind (const ipc::Context&, BindArgs args, ipc::Reply reply) override {
    last.method = "bind";
    last.bind = args;
    resolveBind(reply, SocketAddress{args.address, args.port, AddressFamily::IPv6});
    resolveBind(reply, SocketAddress{"ignored", 1, AddressFamily::IPv4});  // a second answer is ignored
  }
  void connect (const ipc::Context&, ConnectArgs, ipc::Reply reply) override { last.method = "connect"; resolveConnect(reply, {}); }
  void disconnect (const ipc::Context&, DisconnectArgs, ipc::Reply reply) override { last.method = "disconnect"; resolveDisconnect(reply); }
  void send (const ipc::Context&, SendArgs args, ipc::Reply reply) override {
    last.method = "send";
    last.send = args;
    resolveSend(reply, SendResult{static_cast<uint32_t>(args.data.size())});
  }
  void readStart (const ipc::Context& context, ReadStartArgs args, ipc::Reply reply) override {
    last.method = "readStart";
    resolveReadStart(reply);
    emitDatagram(*context.events, Datagram{args.id, 4242, "10.0.0.1", 3}, {1, 2, 3});
  }
  void readStop (const ipc::Context&, ReadStopArgs, ipc::Reply reply) override {
    last.method = "readStop";
    if (dropNextReply) return;  // the reply goes out of scope unanswered
    resolveReadStop(reply);
  }
  void close (const ipc::Context&, CloseArgs, ipc::Reply reply) override { last.method = "close"; resolveClose(reply); }
  void getSockName (const ipc::Context&, GetSockNameArgs, ipc::Reply reply) override { last.method = "getSockName"; resolveGetSockName(reply, {}); }
  void getPeerName (const ipc::Context&, GetPeerNameArgs, ipc::Reply reply) override { last.method = "getPeerName"; resolveGetPeerName(reply, {}); }
  void getState (const ipc::Context&, GetStateArgs args, ipc::Reply reply) override {
    last.method = "getState";
    resolveGetState(reply, SocketState{args.id, true, false, true, false});
  }
  void bufferSize (const ipc::Context&, BufferSizeArgs, ipc::Reply reply) override {
    last.method = "bufferSize";
    reply.error(ipc::Error::notSupported("udp.bufferSize: not in this test"));
  }
  // The socket-option routes are not exercised here: answered as unsupported, and recorded.
  void addMembership (const ipc::Context&, AddMembershipArgs, ipc::Reply reply) override { option("addMembership", reply); }
  void dropMembership (const ipc::Context&, DropMembershipArgs, ipc::Reply reply) override { option("dropMembership", reply); }
  void setMulticastTTL (const ipc::Context&, SetMulticastTTLArgs, ipc::Reply reply) override { option("setMulticastTTL", reply); }
  void setMulticastLoopback (const ipc::Context&, SetMulticastLoopbackArgs, ipc::Reply reply) override { option("setMulticastLoopback", reply); }
  void setMulticastInterface (const ipc::Context&, SetMulticastInterfaceArgs, ipc::Reply reply) override { option("setMulticastInterface", reply); }
  void setBroadcast (const ipc::Context&, SetBroadcastArgs, ipc::Reply reply) override { option("setBroadcast", reply); }
  void setTTL (const ipc::Context&, SetTTLArgs, ipc::Reply reply) override { option("setTTL", reply); }

 private:
  void option (const char* method, ipc::Reply& reply) {
    last.method = method;
    reply.error(ipc::Error::notSupported(std::string("udp.") + method + ": not in this test"));
  }
};

class RecordingSink : public ipc::EventSink {
 public:
  std::string name;
  std::string json;
  std::vector<uint8_t> bytes;
  void emit (const std::string& event, const ipc::Json& detail) override { name = event; json = detail.stringify(); }
  void emitBinary (const std::string& event, const ipc::Json& params, std::vector<uint8_t> data) override {
    name = event;
    json = params.stringify();
    bytes = std::move(data);
  }
};

struct Answer {
  int status = 0;
  std::string type;
  std::string body;
};

static Answer call (ipc::Router& router, const std::shared_ptr<RecordingSink>& sink, const std::string& uri, std::vector<uint8_t> body = {}) {
  Answer answer;
  auto message = ipc::Message::parse(uri);
  CHECK(message.has_value());
  message->body = std::move(body);
  ipc::Context context{message->index, message->seq, sink, nullptr, {}};
  router.dispatch(*message, context, ipc::Reply(message->route, "", [&](ipc::Response response) {
    answer.status = response.status;
    answer.type = response.contentType;
    answer.body.assign(response.body.begin(), response.body.end());
  }));
  return answer;
}

static bool contains (const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int main () {
  RecordingUdp service;
  auto sink = std::make_shared<RecordingSink>();
  ipc::Router router;
  registerUdpRoutes(router, service);

  // Valid input reaches the service decoded, defaults filled in; the first answer wins.
  auto a = call(router, sink, "ipc://udp.bind?seq=R1&index=0&id=18446744073709551615&port=80&address=%3A%3A1");
  CHECK(service.last.method == "bind");
  CHECK(service.last.bind.id == UINT64_MAX);
  CHECK(service.last.bind.port == 80);
  CHECK(service.last.bind.address == "::1");
  CHECK(service.last.bind.reuseAddr == false);
  CHECK(a.status == 200 && a.type == "application/json");
  CHECK(contains(a.body, "\"source\":\"udp.bind\",\"token\":null,\"id\":\""));
  CHECK(contains(a.body, "\"data\":{\"address\":\"::1\",\"port\":80,\"family\":\"IPv6\"}"));
  std::printf("ok bind decodes and answers once\n");

  // Route lookup is case-insensitive, as in the original.
  service.last = {};
  a = call(router, sink, "ipc://UDP.BIND?id=1&port=0");
  CHECK(service.last.method == "bind" && service.last.bind.address == "0.0.0.0");
  std::printf("ok routes are case-insensitive\n");

  // Invalid input never reaches the service.
  service.last = {};
  a = call(router, sink, "ipc://udp.bind?id=1&port=70000");
  CHECK(service.last.method.empty());
  CHECK(contains(a.body, "\"err\":{\"type\":\"RangeError\",\"message\":\"udp.bind: argument 'port' is out of range (0 to 65535)\"}"));
  a = call(router, sink, "ipc://udp.bind?port=1");
  CHECK(service.last.method.empty());
  CHECK(contains(a.body, "\"type\":\"TypeError\",\"message\":\"udp.bind: missing required argument 'id'\""));
  a = call(router, sink, "ipc://udp.bind?id=-1&port=1");
  CHECK(service.last.method.empty() && contains(a.body, "RangeError"));
  a = call(router, sink, "ipc://udp.bind?id=1&port=1&reuseAddr=maybe");
  CHECK(service.last.method.empty() && contains(a.body, "argument 'reuseAddr' must be a boolean"));
  a = call(router, sink, "ipc://udp.bind?id=1&port=1&address=" + std::string(256, 'a'));
  CHECK(service.last.method.empty() && contains(a.body, "argument 'address' is longer than the limit of 255"));
  std::printf("ok invalid arguments are typed errors and never reach the service\n");

  // The body is the buffer argument.
  a = call(router, sink, "ipc://udp.send?id=5&port=9&address=127.0.0.1", {1, 2, 3, 4});
  CHECK(service.last.method == "send" && service.last.send.data.size() == 4 && service.last.send.port == 9);
  CHECK(contains(a.body, "\"data\":{\"bytes\":4}"));
  std::printf("ok send takes its bytes from the body\n");

  // Events: the datagram reaches the sink in the original's firehose shape.
  a = call(router, sink, "ipc://udp.readStart?id=5");
  CHECK(sink->name == "data");
  CHECK(sink->json == "{\"source\":\"udp.readStart\",\"data\":{\"id\":\"5\",\"port\":4242,\"address\":\"10.0.0.1\",\"bytes\":3}}");
  CHECK(sink->bytes == std::vector<uint8_t>({1, 2, 3}));
  std::printf("ok emitDatagram sends {source, data} and the bytes\n");

  // A service that drops a reply still answers (InternalError); unknown routes are 404 NotFoundError.
  service.dropNextReply = true;
  a = call(router, sink, "ipc://udp.readStop?id=5");
  CHECK(a.status == 500 && contains(a.body, "\"type\":\"InternalError\""));
  a = call(router, sink, "ipc://udp.nope?id=5");
  CHECK(a.status == 404 && contains(a.body, "\"type\":\"NotFoundError\""));
  std::printf("ok dropped replies and unknown routes are answered\n");

  // Every route of the IDL is registered.
  CHECK(router.routes().size() == 18);
  CHECK(router.has("udp.addMembership") && router.has("udp.setTTL"));
  CHECK(router.has("os.bufferSize"));
  std::printf("ok %d checks\n", checks);
  return 0;
}
