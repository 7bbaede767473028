// The modules require() answers without reading a file, as the original's `api/commonjs/builtins.js`:
// Node core names (bare, `node:` or `socket:`) and the runtime-only names, which need the `socket:` prefix.
// They are imported eagerly because require() is synchronous; esbuild shares their chunks with `import`.
import * as assert from '../../modules/assert.ts'
import * as asyncHooks from '../../modules/async_hooks.ts'
import * as buffer from '../../modules/buffer.ts'
import * as childProcess from '../../modules/child_process.ts'
import * as consoleModule from '../../modules/console.ts'
import * as constants from '../../modules/constants.ts'
import * as crypto from '../../modules/crypto.ts'
import * as dgram from '../../modules/dgram.ts'
import * as dns from '../../modules/dns.ts'
import * as dnsPromises from '../../modules/dns/promises.ts'
import * as events from '../../modules/events.ts'
import * as fs from '../../modules/fs.ts'
import * as fsConstants from '../../modules/fs/constants.ts'
import * as fsPromises from '../../modules/fs/promises.ts'
import * as http from '../../modules/http.ts'
import * as https from '../../modules/https.ts'
import * as ip from '../../modules/ip.ts'
import * as net from '../../modules/net.ts'
import * as os from '../../modules/os.ts'
import * as osConstants from '../../modules/os/constants.ts'
import * as path from '../../modules/path.ts'
import * as pathPosix from '../../modules/path/posix.ts'
import * as pathWin32 from '../../modules/path/win32.ts'
import * as perfHooks from '../../modules/perf_hooks.ts'
import * as processModule from '../../modules/process.ts'
import * as querystring from '../../modules/querystring.ts'
import * as stream from '../../modules/stream.ts'
import * as streamWeb from '../../modules/stream/web.ts'
import * as stringDecoder from '../../modules/string_decoder.ts'
import * as sys from '../../modules/sys.ts'
import * as timers from '../../modules/timers.ts'
import * as timersPromises from '../../modules/timers/promises.ts'
import * as tty from '../../modules/tty.ts'
import * as url from '../../modules/url.ts'
import * as util from '../../modules/util.ts'
import * as utilTypes from '../../modules/util/types.ts'
import * as vm from '../../modules/vm.ts'
import * as workerThreads from '../../modules/worker_threads.ts'
import * as application from '../../modules/application.ts'
import * as ipc from '../../modules/ipc.ts'
import * as windowModule from '../../modules/window.ts'
import * as i18n from '../../modules/i18n.ts'
import * as language from '../../modules/language.ts'
import * as location from '../../modules/location.ts'
import * as extension from '../../modules/extension.ts'
import * as serviceWorker from '../../modules/service-worker.ts'
import * as asyncModule from '../../modules/async.ts'
import * as errno from '../../modules/errno.ts'
import * as gc from '../../modules/gc.ts'
// A cycle (socket:module imports this file); the namespace is only read when require('module') runs.
import * as moduleModule from '../../modules/module.ts'

type Namespace = Record<string, unknown>

/** Node core names: `require('fs')`, `require('node:fs')` and `require('socket:fs')` all work. */
export const nodeBuiltins: Record<string, Namespace> = {
  assert, async_hooks: asyncHooks, buffer, child_process: childProcess, console: consoleModule, constants, crypto, dgram, dns,
  'dns/promises': dnsPromises, events, fs, 'fs/constants': fsConstants, 'fs/promises': fsPromises, http, https,
  ip, net, os, 'os/constants': osConstants, path, 'path/posix': pathPosix, 'path/win32': pathWin32,
  perf_hooks: perfHooks, process: processModule, querystring, stream, 'stream/web': streamWeb,
  string_decoder: stringDecoder, sys, timers, 'timers/promises': timersPromises, tty, url, util,
  'util/types': utilTypes, vm, worker_threads: workerThreads, module: moduleModule
}

/** Runtime-only names: only `require('socket:<name>')`. */
export const runtimeBuiltins: Record<string, Namespace> = {
  application, ipc, window: windowModule, i18n, language, location, extension, 'service-worker': serviceWorker,
  async: asyncModule, errno, gc
}

/** The exports object require() returns: the default export when there is one (Node's shape), else the namespace. */
export function builtinExports (namespace: Namespace): unknown {
  return namespace.default !== undefined ? namespace.default : { ...namespace }
}

/** The namespace for `request` when it names a builtin, else undefined. */
export function findBuiltin (request: string): Namespace | undefined {
  if (request.startsWith('socket:')) {
    const name = request.slice('socket:'.length)
    return nodeBuiltins[name] ?? runtimeBuiltins[name]
  }
  const name = request.startsWith('node:') ? request.slice('node:'.length) : request
  return Object.hasOwn(nodeBuiltins, name) ? nodeBuiltins[name] : undefined
}

export const builtinModules: readonly string[] = Object.freeze(Object.keys(nodeBuiltins))
