// socket:latica/encryption — the original's `Encryption` key helpers (also in socket:network), defined with the
// high-level API in socket:network because `network()` uses them.
export { Encryption } from '../network.ts'
export { Encryption as default } from '../network.ts'
