// Built by scripts/build-runtime.ts into socket/service-worker/scope.js, a classic script: the first thing each
// service worker's Web Worker runs (see scope.ts and docs/host.md).
import { serviceWorkerScope } from './scope.ts'

serviceWorkerScope()
