// Runs the generated child_process dispatch ([Permission=child_process]) with a recording service: without a
// policy, or with one that withholds the name, every route is answered 403 NotAllowedError before anything is
// decoded and the service never runs; with a granting policy the call reaches it. Exits non-zero on a failure.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>

#include "child_process.hh"

using namespace api::child_process;

static int checks = 0;

#define CHECK(cond) do { \
  ++checks; \
  if (!(cond)) { std::fprintf(stderr, "FAILED line %d: %s\n", __LINE__, #cond); std::exit(1); } \
} while (0)

class RecordingChildProcess : public ChildProcessService {
 public:
  int calls = 0;
  void spawn (const ipc::Context&, SpawnArgs, ipc::Reply reply) override { ++calls; reply.ok(); }
  void exec (const ipc::Context&, ExecArgs, ipc::Reply reply) override { ++calls; reply.ok(); }
  void kill (const ipc::Context&, KillArgs, ipc::Reply reply) override { ++calls; reply.ok(); }
  void write (const ipc::Context&, WriteArgs, ipc::Reply reply) override { ++calls; reply.ok(); }
};

class Grants : public ipc::PermissionPolicy {
 public:
  explicit Grants (std::set<std::string> names) : names(std::move(names)) {}
  bool allows (const std::string& permission) const override { return names.count(permission) > 0; }
  std::set<std::string> names;
};

struct Answer {
  int status = 0;
  std::string body;
};

static Answer call (ipc::Router& router, std::shared_ptr<const ipc::PermissionPolicy> policy, const std::string& uri) {
  Answer answer;
  auto message = ipc::Message::parse(uri);
  CHECK(message.has_value());
  ipc::Context context{message->index, message->seq, nullptr, std::move(policy), {}};
  router.dispatch(*message, context, ipc::Reply(message->route, "", [&](ipc::Response response) {
    answer.status = response.status;
    answer.body.assign(response.body.begin(), response.body.end());
  }));
  return answer;
}

static bool contains (const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int main () {
  RecordingChildProcess service;
  ipc::Router router;
  registerChildProcessRoutes(router, service);
  const std::string exec = "ipc://child_process.exec?seq=R1&index=0&args=%5B%22true%22%5D";
  // Arguments that would not decode: still refused as NotAllowedError, so nothing about them is looked at.
  const std::string badKill = "ipc://child_process.kill?seq=R2&index=0&id=not-a-number";

  for (auto policy : {std::shared_ptr<const ipc::PermissionPolicy>(), std::shared_ptr<const ipc::PermissionPolicy>(std::make_shared<Grants>(std::set<std::string>{"bluetooth"}))}) {
    for (const auto& uri : {exec, badKill}) {
      Answer answer = call(router, policy, uri);
      CHECK(answer.status == 403);
      CHECK(contains(answer.body, "\"type\":\"NotAllowedError\""));
      CHECK(contains(answer.body, "'child_process' permission"));
      CHECK(contains(answer.body, "allow_child_process = true"));
    }
  }
  CHECK(service.calls == 0);

  auto granted = std::make_shared<Grants>(std::set<std::string>{"child_process"});
  Answer ok = call(router, granted, exec);
  CHECK(ok.status == 200);
  CHECK(service.calls == 1);
  Answer bad = call(router, granted, badKill);
  CHECK(contains(bad.body, "\"type\":\"TypeError\""));
  CHECK(service.calls == 1);

  std::printf("ok %d checks\n", checks);
  return 0;
}
