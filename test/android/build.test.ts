// `ssc build --platform=android` on the seed app (`ssc init`): the Gradle project it writes (manifest with the
// permissions socket.ini asks for, resources, the app's files and the runtime as assets, the flattened config with
// every permission decided, the host and bridge sources) and the Kotlin compiled here against android-all.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ssc, tempDir } from '../cli/helpers.ts'

const canCompile = ['java', 'mvn'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)

test('ssc build --platform=android writes a complete Android project for the seed app and compiles its Kotlin', { timeout: 900_000 }, async () => {
  const dir = join(tempDir('ssc-android-'), 'notes-app')
  const init = await ssc(['init', '-q', dir])
  assert.equal(init.status, 0, init.stderr)
  appendFileSync(join(dir, 'socket.ini'), '\n[permissions]\nallow_open_external = true\nallow_env_write = false\n\n[android]\nmanifest_permissions = CAMERA, com.example.CUSTOM\n')

  const built = await ssc(['build', '--platform=android', dir], { timeoutMs: 880_000 })
  assert.equal(built.status, 0, built.stderr)
  const root = join(dir, 'build', 'android', 'notes-app-dev')
  assert.equal(built.stdout.trim(), root)
  const main = join(root, 'app', 'src', 'main')

  const manifest = readFileSync(join(main, 'AndroidManifest.xml'), 'utf8')
  const permissions = [...manifest.matchAll(/<uses-permission android:name="([^"]+)"/g)].map((m) => m[1])
  assert.deepEqual(permissions, ['android.permission.CAMERA', 'android.permission.INTERNET', 'com.example.CUSTOM'])
  assert.match(manifest, /<meta-data android:name="socket.bundle_id" android:value="com.example.notes-app" \/>/)
  assert.match(manifest, /<activity android:name="socket.android.MainActivity" android:exported="true"/)
  assert.match(manifest, /android.intent.category.LAUNCHER/)
  assert.match(readFileSync(join(main, 'res', 'values', 'strings.xml'), 'utf8'), /<string name="app_name">Notes App<\/string>/)

  // The app's files and the runtime's modules, where the host serves them from.
  assert.equal(readFileSync(join(main, 'assets', 'app', 'index.html'), 'utf8'), readFileSync(join(dir, 'src', 'index.html'), 'utf8'))
  assert.ok(existsSync(join(main, 'assets', 'app', 'socket', 'os.js')), 'runtime modules in assets/app/socket')
  const config = JSON.parse(readFileSync(join(main, 'assets', 'socket', 'config.json'), 'utf8'))
  assert.equal(config.meta_bundle_identifier, 'com.example.notes-app')
  assert.equal(config.build_profile, 'dev')
  assert.equal(config.permissions_allow_open_external, 'true')
  assert.equal(config.permissions_allow_env_write, 'false')
  assert.equal(config.permissions_allow_child_process, 'false', 'a default (denied) is written out')
  assert.equal(config.permissions_allow_notifications, 'true', 'a default (granted) is written out')

  // Gradle files a user with the SDK builds; the application id is the bundle id a Java package name accepts.
  const app = readFileSync(join(root, 'app', 'build.gradle.kts'), 'utf8')
  assert.match(app, /applicationId = "com.example.notes_app"/)
  assert.match(app, /versionCode = 10000\b/)
  assert.match(app, /java.srcDirs\("src\/main\/kotlin", "src\/generated\/kotlin"\)/)
  assert.match(readFileSync(join(root, 'settings.gradle.kts'), 'utf8'), /include\(":app"\)/)
  assert.match(readFileSync(join(root, 'build.gradle.kts'), 'utf8'), /id\("com.android.application"\) version "[\d.]+"/)
  assert.match(readFileSync(join(root, 'README.md'), 'utf8'), /gradle assembleDebug/)
  assert.ok(existsSync(join(main, 'kotlin', 'socket', 'android', 'MainActivity.kt')))
  assert.ok(existsSync(join(root, 'app', 'src', 'generated', 'kotlin', 'socket', 'ipc', 'Ipc.kt')))
  assert.ok(!readdirSync(root, { recursive: true }).some((f) => String(f).endsWith('.apk')), 'no APK is claimed')

  if (!canCompile) return
  assert.match(built.stderr, /compiling the Kotlin against the Android framework[^\n]*: done, \d+ classes/)
  const classes = join(dir, 'build', 'android', '.notes-app-dev-compile-check', 'classes')
  assert.ok(existsSync(join(classes, 'socket', 'android', 'MainActivity.class')), 'the host compiled')
  assert.ok(existsSync(join(classes, 'socket', 'api', 'udp', 'Udp.class')), 'the bridge compiled')
})

test('ssc build --platform=android refuses a manifest permission that is not a name', async () => {
  const dir = join(tempDir('ssc-android-'), 'bad')
  assert.equal((await ssc(['init', '-q', dir])).status, 0)
  appendFileSync(join(dir, 'socket.ini'), '\n[android]\nmanifest_permissions = "CAMERA <evil/>"\n')
  const built = await ssc(['build', '--platform=android', dir])
  assert.equal(built.status, 1)
  assert.match(built.stderr, /manifest_permissions.*"<evil\/>" is not a permission name/)
})
