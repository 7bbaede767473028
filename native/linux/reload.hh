// `ssc build -w`: SIGUSR1 reloads every window in place (the page reloads; the process, its windows and the
// backend stay), so a rebuild does not cost the app its state.
#pragma once

namespace host {

class App;
void installReloadSignal(App &app);

}  // namespace host
