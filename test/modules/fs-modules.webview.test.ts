// socket:fs/stats, fs/stream, fs/dir and fs/handle in a real WebKitGTK window against real files, compared
// with node:fs (the same case file, each side in its own directory), and the socket-only fs modules
// (fs/web, fs/fds, fs/flags, fs/watcher, fs/bookmarks) plus mime and window/constants checked against what
// they must give. The stream-close and watch cases used to wait forever; each is now bounded.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as nodeFs from 'node:fs'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { observeFsModules } from './cases/fs-modules.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import type { Observations } from './harness/observe.ts'

const notAllowed = { name: 'NotAllowedError' }

const expectedSocket: Observations = {
  flags: [0, 2, 577, 705, 1089, 1090, 1053762, 1234, 0],
  'flags bogus': { threw: { name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' } },
  'fds track fs.open and close': ['bigint', true, true, 'file', true, false, null],
  'fds release closes the descriptor': 'EBADF',
  'FileHandle statics': ['hello world', true, true, { name: 'Error', code: 'ENOENT' }, { name: 'Error', code: 'EBADF' }, 'r', 438],
  'DirectoryHandle reads in batches': { sizes: [2, 1, 0], closed: true, names: ['x', 'y', 'z'], bufferSize: 32, missing: { name: 'Error', code: 'ENOENT' } },
  'Watcher reports a change and closes': { seen: true, emitter: true, same: true, isFsWatch: true, closed: true, close: 'close', path: true, id: 'bigint' },
  'Watcher of a missing path: start rejects, error event': [{ name: 'Error', code: 'ENOENT' }, 'ENOENT', true],
  bookmarks: [true, true],
  'window/constants': [31, 61, true],
  'mime lookup': [['text/html'], 'text/html'],
  createFile: {
    isFile: true, isBlob: true, name: 'a.txt', size: 11, type: 'text/plain', text: 'hello world', bytes: 11, slice: 'world',
    sliceNegative: 'wor', streamed: 'hello world', chunks: 3, recent: true
  },
  'createFile of a missing file': { name: 'Error', code: 'ENOENT' },
  'directory handle': {
    kind: 'directory', fileKind: 'file', name: 'new.txt', beforeClose: '', after: 'XbcYe', appended: 'XbcYe!', swapGone: true,
    names: ['a.txt:file', 'batch:directory', 'new.txt:file', 'sub:directory', 'watched.txt:file'], resolve: ['sub', 'inner.txt'], outside: null,
    same: true, notSame: false, permission: ['granted', 'granted'], handleOfPath: 'directory'
  },
  'directory handle errors': {
    missingFile: { name: 'NotFoundError' },
    fileIsDirectory: { name: 'TypeMismatchError' },
    directoryIsFile: { name: 'TypeMismatchError' },
    badName: { name: 'TypeError' },
    notEmpty: { name: 'InvalidModificationError' },
    recursive: 'no error',
    removedMissing: { name: 'NotFoundError' },
    readOnlyCreate: notAllowed,
    readOnlyPermission: 'denied',
    readOnlyWritable: notAllowed,
    fileHandleOfDirectory: { name: 'TypeMismatchError' },
    directoryHandleOfFile: { name: 'TypeMismatchError' },
    outsideSandbox: notAllowed,
    syncAccess: { name: 'NotSupportedError', code: 'ERR_NOT_SUPPORTED' }
  }
}

test('socket:fs sub-modules (webview) match node:fs, and the socket-only fs modules work', { skip: webviewUnavailable() }, async () => {
  const base = mkdtempSync(join(tmpdir(), 'socket-fs-modules-test-'))
  try {
    for (const name of ['node-side', 'webview', 'webview/node', 'webview/web']) mkdirSync(join(base, name))
    const expected = await observeFsModules({
      fs: nodeFs, Stats: nodeFs.Stats as never, ReadStream: nodeFs.ReadStream, WriteStream: nodeFs.WriteStream,
      Dir: nodeFs.Dir, Dirent: nodeFs.Dirent, openHandle: async (path, flags) => await nodeFs.promises.open(path, flags)
    }, join(base, 'node-side'))
    const { result, stderr } = await runInWebview(join(import.meta.dirname, 'webview', 'fs-modules.page.ts'), {
      config: { filesystem_allow: join(base, 'webview') },
      define: { FS_TEST_DIR: join(base, 'webview') },
      timeoutMs: 120_000
    })
    const actual = result as { node: Observations, socket: Observations, failedToRun?: unknown, message?: string } | undefined
    if (actual === undefined) assert.fail(`no result from the webview; stderr:\n${stderr}`)
    if (actual.failedToRun !== undefined) assert.fail(`socket:fs/* threw in the webview: ${actual.message}`)
    assertSameObservations(expected, actual.node, 'fs sub-modules')
    assertSameObservations(expectedSocket, actual.socket, 'socket-only fs modules')
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
})

// An exception thrown by an fs callback is uncaught, as in Node (the window's 'error' event; in test mode
// the host fails the run at once). It used to become a rejection of an internal promise.
test('an fs callback that throws is an uncaught error, not a lost rejection', { skip: webviewUnavailable() }, async () => {
  const base = mkdtempSync(join(tmpdir(), 'socket-fs-callback-test-'))
  try {
    const run = await runInWebview(join(import.meta.dirname, 'webview', 'fs-callback-throws.page.ts'), {
      config: { filesystem_allow: base }, define: { FS_TEST_DIR: base }, waitForExit: true, timeoutMs: 60_000
    })
    assert.equal(run.exitCode, 1)
    assert.match(run.stderr, /Uncaught Error: thrown in an fs callback/)
    assert.doesNotMatch(run.stderr, /Unhandled rejection/)
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
})
