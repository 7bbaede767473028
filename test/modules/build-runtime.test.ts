// scripts/build-runtime.ts: every module lands at build/runtime/socket/<same path>.js, shared code is
// split into chunks (one copy each), output is deterministic, and nothing refers to Node built-ins.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildRuntime } from '../../scripts/build-runtime.ts'
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'


function listFiles (dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => entry.isDirectory()
    ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
    : [`${prefix}${entry.name}`]).sort()
}

test('build-runtime bundles each module to its socket: path, deterministically, with a manifest', async () => {
  const first = mkdtempSync(join(tmpdir(), 'runtime-a-'))
  const second = mkdtempSync(join(tmpdir(), 'runtime-b-'))
  try {
    await buildRuntime({ outDir: first, types: false })
    await buildRuntime({ outDir: second, types: false })
    const files = listFiles(first)
    for (const name of ['fs.js', 'fs/promises.js', 'path.js', 'path/win32.js', 'events.js', 'buffer.js', 'ipc.js', 'timers/promises.js', 'manifest.json']) {
      assert.ok(files.includes(name), `${name} missing from the bundle`)
    }
    assert.deepEqual(listFiles(second), files)
    for (const file of files) assert.equal(readFileSync(join(second, file), 'utf8'), readFileSync(join(first, file), 'utf8'), `${file} differs between builds`)

    const manifest = JSON.parse(readFileSync(join(first, 'manifest.json'), 'utf8'))
    assert.equal(manifest.modules['timers/promises'].file, 'timers/promises.js')
    assert.equal(manifest.modules.path.default, true)
    assert.ok(manifest.modules.buffer.exports.includes('Buffer'))

    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(first, file), 'utf8')
      assert.doesNotMatch(text, /from\s*["'](node:)?(fs|path|events|buffer|util|os|dgram)["']/, `${file} imports a Node built-in`)
      assert.doesNotMatch(text, /\brequire\(["'](?!\.)/, `${file} requires a bare module at run time`)
    }
    // The EventEmitter port is bundled once, in a shared chunk, not copied into every module using it.
    const copies = files.filter((f) => f.endsWith('.js') && readFileSync(join(first, f), 'utf8').includes('MaxListenersExceededWarning'))
    assert.equal(copies.length, 1, `EventEmitter bundled in ${copies.join(', ')}`)
  } finally {
    rmSync(first, { recursive: true, force: true })
    rmSync(second, { recursive: true, force: true })
  }
})

test('an app importing socket: modules type-checks against the emitted .d.ts files', async () => {
  // npm test's setup has just built the runtime with types; build them here only when it has not.
  const built = join(import.meta.dirname, '..', '..', 'build', 'runtime', 'socket')
  if (existsSync(join(built, 'fs.d.ts'))) return typecheckConsumer(built)
  const out = mkdtempSync(join(tmpdir(), 'runtime-types-'))
  try {
    await buildRuntime({ outDir: out, types: true })
    typecheckConsumer(out)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})

/** An app's TypeScript, with `socket:*` mapped to the bundle, type-checks against the emitted .d.ts files. */
function typecheckConsumer (runtime: string): void {
  const app = mkdtempSync(join(tmpdir(), 'runtime-consumer-'))
  try {
    writeFileSync(join(app, 'app.ts'), [
      "import fs, { readFileSync } from 'socket:fs'",
      "import { readFile } from 'socket:fs/promises'",
      "import path from 'socket:path'",
      "import dgram from 'socket:dgram'",
      "import { Buffer } from 'socket:buffer'",
      "import application from 'socket:application'",
      "import { send } from 'socket:ipc'",
      "import { network, sha256, Cache, NAT, Packet } from 'socket:network'",
      "import { PacketPublish } from 'socket:latica/packets'",
      "export const joined: string = path.join('a', 'b')",
      "export const socket = dgram.createSocket('udp4').bind(0)",
      "export const bytes: Buffer = Buffer.from('x')",
      "export const text: Promise<string | Buffer> = readFile('/x', 'utf8')",
      "export const all = [fs, readFileSync, application.getScreenSize(), send('ping')]",
      "export const digest: Promise<string> = sha256('abc')",
      "export const raw: Promise<Uint8Array> = sha256('abc', { bytes: true })",
      'export const strategy: number = NAT.connectionStrategy(NAT.ENDPOINT_RESTRICTED, NAT.PORT_RESTRICTED)',
      "export const cached: boolean = new Cache({ maxBytes: 1 << 20 }).insert('x', new PacketPublish({ message: 'hi' }))",
      'export const encoded: Promise<Uint8Array> = Packet.encode(Packet.decode(new Uint8Array(0)))',
      'export const start = network',
      '// @ts-expect-error: with { bytes: true } sha256 resolves with bytes, not a string',
      "export const notText: Promise<string> = sha256('abc', { bytes: true })",
      '// @ts-expect-error: a number is not a path segment',
      'path.join(1)',
      ''
    ].join('\n'))
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true,
        lib: ['ES2023', 'DOM'], types: [], paths: { 'socket:*': [`${runtime}/*`] }
      },
      files: ['app.ts']
    }))
    const tsc = spawnSync(join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsc'), ['-p', join(app, 'tsconfig.json')], { encoding: 'utf8' })
    assert.equal(tsc.status, 0, `an app importing socket: modules does not type-check:\n${tsc.stdout}${tsc.stderr}`)
  } finally {
    rmSync(app, { recursive: true, force: true })
  }
}
