// socket:fs/watcher — the original's Watcher: fs.watch's FSWatcher (an EventEmitter with 'change', 'error'
// and 'close', plus id, path, closed, start() and async iteration of { eventType, filename }).
import { FSWatcher } from '../../internal/fs/watch.ts'

export const Watcher = FSWatcher
export type Watcher = FSWatcher
export { FSWatcher }
export default Watcher
