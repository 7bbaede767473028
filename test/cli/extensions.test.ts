// `[build.extensions]` as ssc compiles it: the shared object exports only the registration symbol, and bad
// entries fail the build with a message naming the key (or the compiler's output).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../cli/src/config/load.ts'
import { buildExtensions, listExtensions } from '../../cli/src/build-steps/extensions.ts'
import { tempDir } from './helpers.ts'

const fixture = join(import.meta.dirname, '..', 'modules', 'fixtures', 'extension-app', 'ext', 'ping.c')

function project (extensions: string, files: Record<string, string> = {}): string {
  const dir = tempDir('ssc-extensions-')
  writeFileSync(join(dir, 'socket.ini'), `[build]\nname = ext\n\n[meta]\nbundle_identifier = org.example.ext\n\n${extensions}\n`)
  mkdirSync(join(dir, 'ext'), { recursive: true })
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text)
  return dir
}

test('a C extension builds into socket/extensions/<name>/lib<name>.so exporting only its registration', () => {
  const dir = project('[build.extensions]\nping = ext/ping.c\n\n[build.extensions.linux]\npong = ext/pong.cc')
  copyFileSync(fixture, join(dir, 'ext', 'ping.c'))
  writeFileSync(join(dir, 'ext', 'pong.cc'), '#include <socket/extension.h>\nstatic bool init(sapi_context_t *, const void *) { return true; }\nSOCKET_RUNTIME_REGISTER_EXTENSION("pong", init, nullptr, "C++", "0")\n')
  const config = loadConfig(dir)
  assert.deepEqual(listExtensions(config).map((e) => e.name).sort(), ['ping', 'pong'])
  const resources = join(dir, 'out')
  assert.deepEqual(buildExtensions(config, resources).sort(), ['ping', 'pong'])
  for (const name of ['ping', 'pong']) {
    const library = join(resources, 'socket', 'extensions', name, `lib${name}.so`)
    assert.ok(existsSync(library))
    const symbols = execFileSync('nm', ['-D', '--defined-only', library], { encoding: 'utf8' }).trim().split('\n').map((line) => line.split(' ').pop())
    assert.deepEqual(symbols, ['__sapi_extension_init'], `${name} exports only its registration`)
  }
})

test('bad [build.extensions] entries name the key', () => {
  const wrongKind = project('[build.extensions]\nping = ext/ping.py', { 'ext/ping.py': '' })
  assert.throws(() => listExtensions(loadConfig(wrongKind)), /build_extensions_ping: ".*ping\.py" is not a C or C\+\+ source/)
  const missing = project('[build.extensions]\nping = ext/none.c')
  assert.throws(() => listExtensions(loadConfig(missing)), /build_extensions_ping: ".*none\.c" does not exist/)
  const badName = project('[build.extensions]\nbad!name = ext/a.c', { 'ext/a.c': '' })
  assert.throws(() => listExtensions(loadConfig(badName)), /extension name "bad!name" must be letters, digits/)
})

test('a compiler error stops the build with the compiler output', () => {
  const dir = project('[build.extensions]\nbroken = ext/broken.c', { 'ext/broken.c': 'this is not C;\n' })
  assert.throws(() => buildExtensions(loadConfig(dir), join(dir, 'out')), (error: Error) => {
    assert.equal(error.name, 'CliError')
    assert.match(error.message, /extension "broken" failed to compile/)
    assert.match(error.message, /broken\.c:1/)
    return true
  })
})
