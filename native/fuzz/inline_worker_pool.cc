// The fuzzers run every reply on the calling thread: a large fs.read answers before the input's run ends, so
// each input is judged on its own (the host's worker_pool.cc would answer from another thread, later).
#include "linux/worker_pool.hh"

namespace host {

void runOffMainThread(std::function<void()> task) { task(); }
void runOnMainThread(std::function<void()> task) { task(); }

}  // namespace host
