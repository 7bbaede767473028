// The socket.ini schema: unknown sections and keys fail with file:line and a "did you mean"; keys Linux cannot
// honour warn, naming the platform; sizes take px and %; the JSON Schema for editors is fresh; docs cover every key.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../cli/src/config/load.ts'
import { SCHEMA } from '../../cli/src/config/schema.ts'
import { hostKeys, jsonSchema, HOST_KEYS_PATH, JSON_SCHEMA_PATH } from '../../cli/src/config/json-schema.ts'
import { REPO, sscInProcess, tempDir } from './helpers.ts'

process.env.HOME = tempDir('ssc-home-')

const BASE = '[build]\nname = app\n\n[meta]\nbundle_identifier = com.example.app\n'

function app (ini: string): string {
  const dir = tempDir()
  writeFileSync(join(dir, 'socket.ini'), ini)
  return dir
}

test('a misspelt key is an error with file:line and the key it probably meant', () => {
  const dir = app(`${BASE}titel = Hello\n`)
  assert.throws(() => loadConfig(dir), (error: Error) => {
    assert.equal(error.message, `${join(dir, 'socket.ini')}:6: unknown key "titel" in [meta]; did you mean "title"?`)
    return true
  })
  assert.throws(() => loadConfig(app(`${BASE}\n[window]\nwidht = 500\n`)), /socket\.ini:8: unknown key "widht" in \[window\]; did you mean "width"\?/)
})

test('a misspelt section is an error at its header with the section it probably meant', () => {
  assert.throws(() => loadConfig(app(`${BASE}\n[windw]\nwidth = 500\n`)), /socket\.ini:7: unknown section \[windw\]; did you mean \[window\]\?/)
  assert.throws(() => loadConfig(app(`${BASE}\n[webview.wach]\nreload = true\n`)), /unknown section \[webview\.wach\]; did you mean \[webview\.watch\]\?/)
})

test('a key in the wrong section says where it belongs; a far-off key gets no guess', () => {
  assert.throws(() => loadConfig(app(`${BASE}\n[window]\nbundle_identifier = x\n`)), /unknown key "bundle_identifier" in \[window\]; "bundle_identifier" belongs in \[meta\]/)
  assert.throws(() => loadConfig(app(`${BASE}\n[window]\nzzzzzzzz = 1\n`)), /unknown key "zzzzzzzz" in \[window\]$/)
})

test('ssc build exits 1 on an unknown key, printing the location', async () => {
  const dir = app(`${BASE}\n[window]\nwidht = 500\n`)
  const run = await sscInProcess(['build', '-o', '-q', dir])
  assert.equal(run.status, 1)
  assert.match(run.stderr, /socket\.ini:8: unknown key "widht"/)
})

test('keys of the original that Linux cannot honour are warnings naming the platforms that do', async () => {
  const dir = app(`${BASE}\n[window]\ntitlebar_style = hidden\n\n[application]\nagent = true\n\n[mac]\ncategory = public.app-category.utilities\n`)
  const config = loadConfig(dir)
  assert.deepEqual(config.warnings.map((w) => `${w.line}: ${w.message}`), [
    '8: window_titlebar_style: not honoured on Linux (only on macOS); ignored',
    '11: application_agent: not honoured on Linux (only on macOS); ignored'
  ])
  const run = await sscInProcess(['build', '-o', dir])
  assert.match(run.stderr, /! warning: .*socket\.ini:8: window_titlebar_style: not honoured on Linux \(only on macOS\)/)
})

test('sizes: 80%, 700px and 700 are accepted; other text is not', () => {
  const config = loadConfig(app(`${BASE}\n[window]\nwidth = 700px\nheight = 80%\nmin_width = 200\nmax_height = 90%\n`))
  assert.equal(config.entries.get('window_width')?.value, '700px')
  assert.throws(() => loadConfig(app(`${BASE}\n[window]\nwidth = 700em\n`)), /window_width: "700em" is not a size in pixels or percent/)
  assert.throws(() => loadConfig(app(`${BASE}\n[window]\nresizable = no\n`)), /window_resizable: "no" must be true or false/)
  assert.throws(() => loadConfig(app(`${BASE}\n[window]\nbackgroundColorDark = "#12"\nbackgroundColorLight = "not a colour"\n`)), /is not a colour/)
})

test('open sections take any key; permissions, filesystem and webview policy keys are known', () => {
  const config = loadConfig(app(`${BASE}\n[env]\nMY_VAR = 1\n\n[webview.navigator.mounts]\n$HOST_HOME/Documents = /docs\n\n` +
    '[permissions]\nallow_child_process = true\nallow_bluetooth = false\nallow_notifications = true\nallow_hotkeys = false\n\n' +
    '[filesystem]\nallow[] = ~/Notes\nread[] = /usr/share\n\n[webview]\ncsp = "default-src \'self\'"\nnavigator_policy = app\n\n[webview.navigator.policies]\nallowed[] = https://*.example.com\n'))
  assert.equal(config.entries.get('env_MY_VAR')?.value, '1')
  assert.equal(config.entries.get('permissions_allow_child_process')?.value, 'true')
  assert.throws(() => loadConfig(app(`${BASE}\n[permissions]\nallow_camra = true\n`)), /did you mean "allow_camera"/)
})

test('.sscrc [settings.*] overrides are checked like socket.ini', () => {
  const dir = app(BASE)
  writeFileSync(join(dir, '.sscrc'), '[settings.meta]\ntitel = x\n')
  assert.throws(() => loadConfig(dir), /\.sscrc:2: unknown key "titel" in \[meta\]; did you mean "title"\?/)
})

test('the seed app of ssc init passes the schema with no warning', async () => {
  const dir = join(tempDir(), 'seed')
  mkdirSync(dir)
  assert.equal((await sscInProcess(['init', '-q', dir])).status, 0)
  assert.deepEqual(loadConfig(dir).warnings, [])
})

test('the committed JSON Schema for editors is generated from the schema and fresh', () => {
  assert.equal(readFileSync(JSON_SCHEMA_PATH, 'utf8'), jsonSchema(), 'run: npx tsx cli/src/config/json-schema.ts')
  assert.equal(readFileSync(HOST_KEYS_PATH, 'utf8'), hostKeys(), 'the host\'s key list: run npx tsx cli/src/config/json-schema.ts')
  const schema = JSON.parse(jsonSchema())
  assert.equal(schema.properties.window.properties.width.default, '80%')
  assert.equal(schema.properties.window.additionalProperties, false)
})

test('docs/config.md documents every section and key of the schema', () => {
  const doc = readFileSync(join(REPO, 'docs', 'config.md'), 'utf8')
  const missing: string[] = []
  for (const [section, def] of Object.entries(SCHEMA)) {
    if (!doc.includes(`[${section}]`)) missing.push(`[${section}]`)
    for (const key of Object.keys(def.keys)) if (!doc.includes(`\`${key}\``)) missing.push(`[${section}] ${key}`)
  }
  assert.deepEqual(missing, [])
})
