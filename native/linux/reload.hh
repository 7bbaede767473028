// `ssc build -w`: SIGUSR2 reloads every window in place (the page reloads; the process, its windows and the
// backend stay), so a rebuild does not cost the app its state. Not SIGUSR1: JavaScriptCore, which runs in this
// process for the message bridge, suspends threads for its garbage collector with SIGUSR1 (JSC_SIGNAL_FOR_GC);
// a handler of ours on it would take those signals, reload the page and leave the collector waiting forever.
#pragma once

namespace host {

class App;
void installReloadSignal(App &app);

}  // namespace host
