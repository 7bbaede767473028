// The socket.ini dialect and its validation: the original's rules, and errors that name file, line and key.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseIni } from '../../cli/src/config/ini.ts'
import { loadConfig, parseEnvFile } from '../../cli/src/config/load.ts'
import { ConfigError } from '../../cli/src/errors.ts'
import { tempDir } from './helpers.ts'

// Keep the user's real ~/.sscrc out of these tests.
process.env.HOME = tempDir('ssc-home-')

const values = (text: string): Record<string, string> =>
  Object.fromEntries([...parseIni(text, 'socket.ini').entries].map(([k, v]) => [k, v.value]))

test('sections flatten to section_key, dots become underscores, [.sub] extends the last section', () => {
  assert.deepEqual(values(`
top = 1
[build]
name = app
[webview.watch]
reload = true
[webview]
root = /
[.navigator.mounts]
$HOST_HOME/x = /y
`), {
    top: '1',
    build_name: 'app',
    webview_watch_reload: 'true',
    webview_root: '/',
    'webview_navigator_mounts_$HOST_HOME/x': '/y'
  })
})

test('comments, quotes and inline comments follow the original rules', () => {
  assert.deepEqual(values(`
; a comment
# another
[meta]
title = "Hello ; World"   ; the quoted part keeps its semicolon
description = 'single # quoted'
version = 1.2.3 # inline comment
empty =
`), {
    meta_title: 'Hello ; World',
    meta_description: 'single # quoted',
    meta_version: '1.2.3',
    meta_empty: ''
  })
})

test('key[] appends with spaces, *_headers[] with newlines, and a later plain key replaces the list', () => {
  assert.deepEqual(values(`
[build.watch]
sources[] = src
sources[] = "lib dir"
[webview]
headers[] = "X-A: 1"
headers[] = "X-B: 2"
[x]
list[] = a
list[] = b
list = c
`), {
    build_watch_sources: 'src lib dir',
    webview_headers: 'X-A: 1\nX-B: 2',
    x_list: 'c'
  })
})

test('CRLF line endings and a BOM are accepted', () => {
  assert.deepEqual(values('\uFEFF[build]\r\nname = app\r\n'), { build_name: 'app' })
})

function configError (text: string): ConfigError {
  try {
    parseIni(text, 'socket.ini')
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error
  }
  assert.fail('expected the parse to fail')
}

test('malformed files fail with the line and a reason', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['[build\nname = x', 1, /section header "\[build" has no closing "\]"/],
    ['[build]\nname "x"', 2, /expected "key = value", a "\[section\]" header or a comment, got "name "x""/],
    ['[build]\n= x', 2, /missing key name before "="/],
    ['[build]\nna me = x', 2, /na me: invalid key name/],
    ['[build]\nname = "x', 2, /build_name: unterminated double quote/],
    ["[build]\nname = 'x", 2, /build_name: unterminated single quote/],
    ['[build]\nname = "x" y', 2, /build_name: unexpected text "y" after the quoted value/],
    ['[.sub]\nx = 1', 1, /relative section "\[.sub\]" has no section before it/],
    ['[bad name]\n', 1, /invalid section name "\[bad name\]"/],
    ['[a] junk', 1, /unexpected text "junk" after the section header/]
  ]
  for (const [text, line, message] of cases) {
    const error = configError(text)
    assert.equal(error.line, line, `line for ${JSON.stringify(text)}`)
    assert.match(error.message, new RegExp(`^socket\\.ini:${line}: `))
    assert.match(error.message, message)
  }
})

function appWith (ini: string, files: Record<string, string> = {}): string {
  const dir = tempDir()
  writeFileSync(join(dir, 'socket.ini'), ini)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

function loadError (dir: string): ConfigError {
  try {
    loadConfig(dir)
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error
  }
  assert.fail('expected loading to fail')
}

test('a missing [build] name is reported at the [build] header, or as a missing section', () => {
  let error = loadError(appWith('[meta]\nbundle_identifier = com.example.a\n\n[build]\ncopy = src\n'))
  assert.equal(error.key, 'build_name')
  assert.equal(error.line, 4)
  assert.match(error.message, /socket\.ini:4: build_name: \[build\] name is required$/)

  error = loadError(appWith('[meta]\nbundle_identifier = com.example.a\n'))
  assert.match(error.message, /socket\.ini: build_name: \[build\] name is required \(add a \[build\] section\)$/)
})

test('invalid values name the key and its line', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['[build]\nname = "my app"\n[meta]\nbundle_identifier = com.example.a\n', 'build_name', 2, /"my app" is not a valid name/],
    ['[build]\nname = a\n[meta]\nbundle_identifier = "not a bundle id"\n', 'meta_bundle_identifier', 4, /is not a reverse-DNS identifier/],
    ['[build]\nname = a\n[meta]\nbundle_identifier = single\n', 'meta_bundle_identifier', 4, /"single" is not a reverse-DNS/],
    ['[build]\nname = a\n[meta]\nbundle_identifier = com.example.a\nversion = one\n', 'meta_version', 5, /"one" is not a version/],
    ['[build]\nname = a\n[meta]\nbundle_identifier = com.example.a\n[window]\nwidth = wide\n', 'window_width', 6, /"wide" is not a size/],
    ['[build]\nname = a\n[meta]\nbundle_identifier = com.example.a\n[permissions]\nallow_camera = yes\n', 'permissions_allow_camera', 6, /must be true or false/]
  ]
  for (const [ini, key, line, message] of cases) {
    const error = loadError(appWith(ini))
    assert.equal(error.key, key)
    assert.equal(error.line, line, `line for ${key}`)
    assert.match(error.message, message)
  }
  const missing = loadError(appWith('[build]\nname = a\n'))
  assert.equal(missing.key, 'meta_bundle_identifier')
  // An extension needs no bundle identifier.
  assert.equal(loadConfig(appWith('[build]\nname = a\n[meta]\ntype = extension\n')).entries.get('build_name')?.value, 'a')
})

test('./.sscrc [settings.*] overrides socket.ini and [build] gives flag defaults; .ssc.env feeds the environment', () => {
  const dir = appWith('[build]\nname = a\n[meta]\nbundle_identifier = com.example.a\ntitle = Original\n', {
    '.sscrc': '[settings.meta]\ntitle = "From sscrc"\n[build]\nheadless = true\n',
    '.ssc.env': '# secrets\nAPI_KEY="abc"\nexport OTHER=1\n'
  })
  const config = loadConfig(dir)
  assert.equal(config.entries.get('meta_title')?.value, 'From sscrc')
  assert.match(config.entries.get('meta_title')!.file, /\.sscrc$/)
  assert.equal(config.buildOptions.get('headless'), 'true')
  assert.deepEqual(config.env, { API_KEY: 'abc', OTHER: '1' })
})

test('an override in ~/.sscrc applies, and a bad value there is reported in that file', () => {
  const dir = appWith('[build]\nname = a\n[meta]\nbundle_identifier = com.example.a\n')
  writeFileSync(join(process.env.HOME!, '.sscrc'), '[settings.meta]\nversion = x.y\n')
  try {
    const error = loadError(dir)
    assert.equal(error.file, join(process.env.HOME!, '.sscrc'))
    assert.equal(error.line, 2)
  } finally {
    writeFileSync(join(process.env.HOME!, '.sscrc'), '')
  }
})

test('defaults fill what the original fills: version, output, title, protocol', () => {
  const config = loadConfig(appWith('[build]\nname = my_app\n[meta]\nbundle_identifier = com.example.my_app\n'))
  const get = (key: string): string | undefined => config.entries.get(key)?.value
  assert.equal(get('meta_version'), '1.0.0')
  assert.equal(get('build_output'), 'build')
  assert.equal(get('build_copy'), 'src')
  assert.equal(get('meta_title'), 'my_app')
  assert.equal(get('meta_application_protocol'), 'com-example-my-app')
})

test('.ssc.env parsing ignores junk lines', () => {
  assert.deepEqual(parseEnvFile('A=1\nnot a pair\n B = "two words" \n'), { A: '1', B: 'two words' })
})

test('every parse error message is the one docs/config.md documents', async () => {
  const { readFileSync } = await import('node:fs')
  const docs = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8')
  const inputs = ['[build', '[bad name]', '[.sub]', '[build]\nname "x"', '[build]\n= x', '[build]\nna me = x',
    '[build]\nname = "x', '[build]\nname = "x" y']
  for (const input of inputs) {
    const message = configError(input).message.replace(/^socket\.ini:\d+: /, '')
    assert.ok(docs.includes(`\`${message}\``), `docs/config.md documents: ${message}`)
  }
  for (const [ini, expected] of [
    ['[build]\nname = "my app"\n[meta]\nbundle_identifier = com.example.a\n', 'build_name: "my app" is not a valid name'],
    ['[build]\nname = a\n[meta]\nbundle_identifier = app\n', 'meta_bundle_identifier: "app" is not a reverse-DNS identifier'],
    ['[build]\nname = a\n[meta]\nbundle_identifier = com.example.a\nversion = one\n', 'meta_version: "one" is not a version like "1.0.0"']
  ]) {
    const message = loadError(appWith(ini)).message.replace(/^.*socket\.ini:\d+: /, '')
    assert.ok(message.startsWith(expected))
    assert.ok(docs.includes(`\`${message}\``), `docs/config.md documents: ${message}`)
  }
})
