// socket:diagnostics — the original's diagnostics: `channels` (named publish/subscribe, Node's
// diagnostics_channel shape), `window` (frame rate and request metrics) and `runtime` (the host's figures).
// The Node-shaped functions are also exported at the top level (channel, subscribe, unsubscribe, hasSubscribers, Channel).
import channels, { Channel, channel, hasSubscribers, subscribe, unsubscribe } from './diagnostics/channels.ts'
import window from './diagnostics/window.ts'
import runtime from './diagnostics/runtime.ts'

export { channels, window, runtime, Channel, channel, hasSubscribers, subscribe, unsubscribe }
export default { channels, window, runtime, Channel, channel, hasSubscribers, subscribe, unsubscribe }
