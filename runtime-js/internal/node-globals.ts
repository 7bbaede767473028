// Injected by scripts/build-runtime.ts into every bundle: free references to `process` inside bundled npm
// ports of Node core (util reads process.env.NODE_DEBUG) get socket:process instead of a ReferenceError.
export { default as process } from '../modules/process.ts'
