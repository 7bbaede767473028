// Runs in the webview: the Node-shaped fs sub-modules through the differential case file, then checks of the
// socket-only ones (fs/web, fs/fds, fs/flags, fs/watcher, fs/bookmarks, mime, window/constants) . `FS_TEST_DIR/node` gets the case file, `FS_TEST_DIR/web` the rest.
import { observeFsModules } from '../cases/fs-modules.cases.ts'
import { observeSocketFsModules } from '../cases/fs-modules-socket.cases.ts'
import { errorShape } from '../harness/observe.ts'

declare const FS_TEST_DIR: string

const load = async (name: string): Promise<any> => await import(/* @vite-ignore */ `socket:${name}`)

let result: unknown
try {
  const fs = await load('fs')
  const { Stats } = await load('fs/stats')
  const { ReadStream, WriteStream } = await load('fs/stream')
  const { Dir, Dirent } = await load('fs/dir')
  const { FileHandle } = await load('fs/handle')
  const node = await observeFsModules({ fs, Stats, ReadStream, WriteStream, Dir, Dirent, openHandle: (path, flags) => FileHandle.open(path, flags) }, `${FS_TEST_DIR}/node`)
  const socket = await observeSocketFsModules(async (specifier) => await import(/* @vite-ignore */ specifier), `${FS_TEST_DIR}/web`)
  result = { node, socket }
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
