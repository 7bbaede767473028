// The echo service for the marshalling round trip: every operation answers with what it was given, through the
// generated typed resolve helpers, so the JS side can compare the value it sent with the value it gets back.
#include <cmath>

#include "echo.hh"
#include "frames.hh"

using namespace api::echo;

class EchoImpl : public EchoService {
 public:
  void echoBoolean (const ipc::Context&, EchoBooleanArgs args, ipc::Reply reply) override { resolveEchoBoolean(reply, args.value); }
  void echoByte (const ipc::Context&, EchoByteArgs args, ipc::Reply reply) override { resolveEchoByte(reply, args.value); }
  void echoOctet (const ipc::Context&, EchoOctetArgs args, ipc::Reply reply) override { resolveEchoOctet(reply, args.value); }
  void echoShort (const ipc::Context&, EchoShortArgs args, ipc::Reply reply) override { resolveEchoShort(reply, args.value); }
  void echoUnsignedShort (const ipc::Context&, EchoUnsignedShortArgs args, ipc::Reply reply) override { resolveEchoUnsignedShort(reply, args.value); }
  void echoLong (const ipc::Context&, EchoLongArgs args, ipc::Reply reply) override { resolveEchoLong(reply, args.value); }
  void echoUnsignedLong (const ipc::Context&, EchoUnsignedLongArgs args, ipc::Reply reply) override { resolveEchoUnsignedLong(reply, args.value); }
  void echoLongLong (const ipc::Context&, EchoLongLongArgs args, ipc::Reply reply) override { resolveEchoLongLong(reply, args.value); }
  void echoUnsignedLongLong (const ipc::Context&, EchoUnsignedLongLongArgs args, ipc::Reply reply) override { resolveEchoUnsignedLongLong(reply, args.value); }
  void echoFloat (const ipc::Context&, EchoFloatArgs args, ipc::Reply reply) override { resolveEchoFloat(reply, args.value); }
  void echoDouble (const ipc::Context&, EchoDoubleArgs args, ipc::Reply reply) override { resolveEchoDouble(reply, args.value); }
  void describeUnrestricted (const ipc::Context&, DescribeUnrestrictedArgs args, ipc::Reply reply) override {
    const double v = args.value;
    resolveDescribeUnrestricted(reply, std::isnan(v) ? "NaN" : std::isinf(v) ? (v > 0 ? "Infinity" : "-Infinity") : "finite");
  }
  void echoString (const ipc::Context&, EchoStringArgs args, ipc::Reply reply) override { resolveEchoString(reply, args.value); }
  void echoUsvString (const ipc::Context&, EchoUsvStringArgs args, ipc::Reply reply) override { resolveEchoUsvString(reply, args.value); }
  void echoEnum (const ipc::Context&, EchoEnumArgs args, ipc::Reply reply) override { resolveEchoEnum(reply, args.value); }
  void echoDictionary (const ipc::Context&, EchoDictionaryArgs args, ipc::Reply reply) override { resolveEchoDictionary(reply, args.value); }
  void echoSequence (const ipc::Context&, EchoSequenceArgs args, ipc::Reply reply) override { resolveEchoSequence(reply, args.value); }
  void echoPoints (const ipc::Context&, EchoPointsArgs args, ipc::Reply reply) override { resolveEchoPoints(reply, args.value); }
  void echoRecord (const ipc::Context&, EchoRecordArgs args, ipc::Reply reply) override { resolveEchoRecord(reply, args.value); }
  void echoNullable (const ipc::Context&, EchoNullableArgs args, ipc::Reply reply) override { resolveEchoNullable(reply, args.value); }
  void echoOptional (const ipc::Context&, EchoOptionalArgs args, ipc::Reply reply) override { resolveEchoOptional(reply, args.value); }
  void echoOptionalNoDefault (const ipc::Context&, EchoOptionalNoDefaultArgs args, ipc::Reply reply) override { resolveEchoOptionalNoDefault(reply, args.value); }
  void echoUnion (const ipc::Context&, EchoUnionArgs args, ipc::Reply reply) override { resolveEchoUnion(reply, args.value); }
  void echoAny (const ipc::Context&, EchoAnyArgs args, ipc::Reply reply) override { resolveEchoAny(reply, args.value); }
  void echoBuffer (const ipc::Context&, EchoBufferArgs args, ipc::Reply reply) override { resolveEchoBuffer(reply, std::move(args.value)); }
  void echoMixed (const ipc::Context&, EchoMixedArgs args, ipc::Reply reply) override {
    Mixed mixed;
    mixed.text = args.text;
    mixed.length = static_cast<uint32_t>(args.data.size());
    mixed.count = args.count;
    uint32_t sum = 0;
    for (const auto byte : args.data) sum += byte;
    mixed.checksum = sum;
    resolveEchoMixed(reply, mixed);
  }
  void echoLimited (const ipc::Context&, EchoLimitedArgs args, ipc::Reply reply) override { resolveEchoLimited(reply, args.value); }
};

int main () {
  EchoImpl service;
  ipc::Router router;
  registerEchoRoutes(router, service);
  return frames::serve(router);
}
