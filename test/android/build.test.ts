// `ssc build --platform=android` on the seed app (`ssc init`): the Gradle project it writes (manifest with the
// permissions socket.ini asks for, resources, the app's files and the runtime as assets, the flattened config with
// every permission decided, the host and bridge sources as they are in the checkout) and the Kotlin compiled here
// against android-all. One compile in this file: the Maven compile takes minutes under load.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, ssc, sscInProcess, tempDir } from '../cli/helpers.ts'

const canCompile = ['java', 'mvn'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)

// The smallest valid PNG (1x1), as the app's launcher icon.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex')

function kotlinFiles (dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((name) => name.endsWith('.kt')).sort()
}

async function seedApp (name: string): Promise<string> {
  const dir = join(tempDir('ssc-android-'), name)
  const init = await sscInProcess(['init', '-q', dir])
  assert.equal(init.status, 0, init.stderr)
  return dir
}

function pomProperty (name: string): string {
  const pom = readFileSync(join(REPO, 'native', 'android', 'pom.xml'), 'utf8')
  return new RegExp(`<${name.replace(/\./g, '\\.')}>([^<]+)</`).exec(pom)![1]
}

test('ssc build --platform=android writes a complete Android project for the seed app and compiles its Kotlin', { timeout: 900_000 }, async () => {
  const dir = await seedApp('notes')
  const ini = readFileSync(join(dir, 'socket.ini'), 'utf8')
    .replace(/^title = .*$/m, 'title = @Notes & <Co>\'s \\ "app"')
    .replace(/^version = .*$/m, 'version = 1.2.3')
  writeFileSync(join(dir, 'icon.png'), PNG)
  writeFileSync(join(dir, 'socket.ini'), ini + '\n[permissions]\nallow_open_external = true\nallow_env_write = false\n' +
    'allow_notifications = true\nallow_bluetooth = true\n' +
    '\n[android]\nmanifest_permissions = CAMERA, com.example.CUSTOM\naapt_no_compress = ".wasm bin"\nicon = "icon.png"\n')

  const built = await ssc(['build', '--platform=android', dir], { timeoutMs: 880_000 })
  assert.equal(built.status, 0, built.stderr)
  const root = join(dir, 'build', 'android', 'notes-dev')
  assert.equal(built.stdout.trim(), root)
  const main = join(root, 'app', 'src', 'main')
  for (const file of ['settings.gradle.kts', 'build.gradle.kts', 'gradle.properties', 'README.md', 'app/build.gradle.kts',
    'app/src/main/AndroidManifest.xml', 'app/src/main/res/values/strings.xml', 'app/src/main/res/values/themes.xml',
    'app/src/main/res/mipmap/ic_launcher.png', 'app/src/main/assets/socket/config.json']) {
    assert.ok(existsSync(join(root, file)), `${file} is missing`)
  }
  assert.deepEqual(readFileSync(join(main, 'res', 'mipmap', 'ic_launcher.png')), PNG)

  // Only INTERNET (udp, dns, the page's fetches) and what [android] manifest_permissions names: notifications and
  // bluetooth are granted in socket.ini but the Android host has no service for them, so nothing is asked for.
  const manifest = readFileSync(join(main, 'AndroidManifest.xml'), 'utf8')
  const permissions = [...manifest.matchAll(/<uses-permission android:name="([^"]+)"/g)].map((m) => m[1])
  assert.deepEqual(permissions, ['android.permission.CAMERA', 'android.permission.INTERNET', 'com.example.CUSTOM'])
  assert.match(manifest, /<meta-data android:name="socket.bundle_id" android:value="com.example.notes" \/>/)
  assert.match(manifest, /<activity android:name="socket.android.MainActivity" android:exported="true"/)
  assert.match(manifest, /android.intent.category.LAUNCHER/)
  assert.match(manifest, /android:icon="@mipmap\/ic_launcher"/)
  assert.match(manifest, /android:theme="@style\/AppTheme"/)
  assert.match(readFileSync(join(main, 'res', 'values', 'themes.xml'), 'utf8'), /<style name="AppTheme" parent="android:Theme.Material.Light.NoActionBar" \/>/)
  // XML-escaped, and aapt2's own escapes for quotes and backslashes.
  assert.match(readFileSync(join(main, 'res', 'values', 'strings.xml'), 'utf8'),
    /<string name="app_name">\\@Notes &amp; &lt;Co&gt;\\'s \\\\ \\"app\\"<\/string>/)
  // XML comments may not contain "--" (a comment quoting "--platform" makes the file unreadable).
  for (const comment of manifest.matchAll(/<!--([\s\S]*?)-->/g)) assert.doesNotMatch(comment[1], /--/)
  if (spawnSync('sh', ['-c', 'command -v python3']).status === 0) {
    const parse = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom as m; [m.parse(f) for f in sys.argv[1:]]',
      join(main, 'AndroidManifest.xml'), join(main, 'res', 'values', 'strings.xml'), join(main, 'res', 'values', 'themes.xml')], { encoding: 'utf8' })
    assert.equal(parse.status, 0, `not well-formed XML: ${parse.stderr}`)
  }

  // The app's files and the runtime's modules, where the host serves them from.
  for (const file of ['index.html', 'index.js', 'index.css']) {
    assert.deepEqual(readFileSync(join(main, 'assets', 'app', file)), readFileSync(join(dir, 'src', file)), file)
  }
  assert.ok(existsSync(join(main, 'assets', 'app', 'socket', 'os.js')), 'runtime modules in assets/app/socket')
  const config = JSON.parse(readFileSync(join(main, 'assets', 'socket', 'config.json'), 'utf8'))
  assert.equal(config.meta_bundle_identifier, 'com.example.notes')
  assert.equal(config.build_profile, 'dev')
  assert.equal(config.permissions_allow_open_external, 'true')
  assert.equal(config.permissions_allow_env_write, 'false')
  assert.equal(config.permissions_allow_child_process, 'false', 'a default (denied) is written out')
  assert.equal(config.permissions_allow_hotkeys, 'true', 'a default (granted) is written out')

  // The host's Kotlin and the generated bridge, file for file as they are in the checkout.
  for (const [from, to] of [[join(REPO, 'native', 'android', 'src', 'main', 'kotlin'), join(main, 'kotlin')],
    [join(REPO, 'generated', 'kotlin'), join(root, 'app', 'src', 'generated', 'kotlin')]]) {
    assert.deepEqual(kotlinFiles(to), kotlinFiles(from))
    for (const file of kotlinFiles(from)) assert.equal(readFileSync(join(to, file), 'utf8'), readFileSync(join(from, file), 'utf8'), file)
  }

  // Gradle files a user with the SDK builds, at the versions native/android/pom.xml pins.
  const app = readFileSync(join(root, 'app', 'build.gradle.kts'), 'utf8')
  assert.match(app, /namespace = "com\.example\.notes"/)
  assert.match(app, /applicationId = "com\.example\.notes"/)
  assert.match(app, /versionName = "1\.2\.3"/)
  assert.match(app, /versionCode = 10203\b/)
  assert.match(app, /compileSdk = 34\b/)
  assert.match(app, /minSdk = 26\b/, 'the host\'s fs service uses java.nio.file (API 26)')
  assert.match(app, /noCompress \+= listOf\("wasm", "bin"\)/)
  assert.match(app, /java.srcDirs\("src\/main\/kotlin", "src\/generated\/kotlin"\)/)
  assert.ok(app.includes(`kotlinx-coroutines-android:${pomProperty('coroutines.version')}"`))
  assert.ok(readFileSync(join(root, 'build.gradle.kts'), 'utf8').includes(`id("org.jetbrains.kotlin.android") version "${pomProperty('kotlin.version')}"`))
  assert.match(readFileSync(join(root, 'settings.gradle.kts'), 'utf8'), /rootProject\.name = "notes-dev"\s+include\(":app"\)/)
  assert.match(readFileSync(join(root, 'README.md'), 'utf8'), /gradle assembleDebug/)
  assert.ok(!readdirSync(root, { recursive: true }).some((f) => String(f).endsWith('.apk')), 'no APK is claimed')

  // print-build-dir names the folders this build wrote.
  assert.equal((await sscInProcess(['print-build-dir', '--platform=android', dir])).stdout.trim(), join(main, 'assets', 'app'))
  assert.equal((await sscInProcess(['print-build-dir', '--platform=android', '--root', dir])).stdout.trim(), root)
  assert.equal((await sscInProcess(['print-build-dir', '--platform=android', '--root', '--prod', dir])).stdout.trim(), join(dir, 'build', 'android', 'notes'))

  if (!canCompile) return
  assert.match(built.stderr, /compiling the Kotlin against the Android framework[^\n]*: done, \d+ classes/)
  const classes = join(dir, 'build', 'android', '.notes-dev-compile-check', 'classes')
  for (const name of ['socket/android/MainActivity.class', 'socket/android/SocketWebViewClient.class', 'socket/ipc/Router.class', 'socket/api/udp/Udp.class']) {
    assert.ok(existsSync(join(classes, name)), `${name} was not compiled`)
  }
})

test('an Android build refuses bad socket.ini values at their line and what needs a device, writing nothing', async () => {
  const dir = await seedApp('my-app')
  const ini = join(dir, 'socket.ini')
  const original = readFileSync(ini, 'utf8')
  const project = join(dir, 'build', 'android')
  const lineOf = (text: string, key: string): number => text.split('\n').findIndex((line) => line.startsWith(`${key} =`)) + 1

  // A hyphen is fine in a host name but no Java package name accepts it: refused, not renamed.
  writeFileSync(ini, original.replace(/^bundle_identifier = .*$/m, 'bundle_identifier = "com.example.my-app"'))
  const bad = await sscInProcess(['build', '--platform=android', dir])
  assert.equal(bad.status, 1)
  assert.ok(bad.stderr.includes(`socket.ini:${lineOf(original, 'bundle_identifier')}: meta_bundle_identifier: "com.example.my-app" cannot be an Android applicationId`), bad.stderr)
  assert.match(bad.stderr, /e\.g\. "com\.example\.my_app"/)
  writeFileSync(ini, original.replace(/^bundle_identifier = .*$/m, 'bundle_identifier = "com.example.new"'))
  assert.match((await sscInProcess(['build', '--platform=android', dir])).stderr, /"com\.example\.new" cannot be an Android applicationId.*Java keyword/)
  writeFileSync(ini, original.replace(/^bundle_identifier = .*$/m, 'bundle_identifier = "com.example.my_app"'))

  const cases: Array<[string, RegExp]> = [
    ['manifest_permissions = "CAMERA <evil/>"', /manifest_permissions: "<evil\/>" is not a permission name/],
    ['main_activity = "com.example.Other"', /main_activity: "com\.example\.Other" is not in the project/],
    ['icon = "icon.jpg"', /android_icon: "icon\.jpg" is not a \.png file/]
  ]
  for (const [line, error] of cases) {
    writeFileSync(ini, readFileSync(ini, 'utf8').replace(/\n\[android\]\n[^\n]*\n$/, '') + `\n[android]\n${line}\n`)
    const result = await sscInProcess(['build', '--platform=android', dir])
    assert.equal(result.status, 1, line)
    assert.match(result.stderr, /socket\.ini:\d+: /, line)
    assert.match(result.stderr, error, line)
  }
  writeFileSync(ini, original.replace(/^bundle_identifier = .*$/m, 'bundle_identifier = "com.example.my_app"'))

  for (const [flags, error] of [[['-r'], /running the app \(-r\) needs the Android SDK/], [['-p'], /packaging an APK \(-p\) needs the Android SDK/],
    [['-w'], /watching \(-w\) needs the Android SDK/], [['--test=t.js'], /running a test in the app \(--test\) needs the Android SDK/],
    [['--port=5173'], /loading a dev server \(--port\) needs the Android SDK/]] as const) {
    const result = await sscInProcess(['build', '--platform=android', ...flags, dir])
    assert.equal(result.status, 1, flags.join(' '))
    assert.match(result.stderr, /NotSupportedError/, flags.join(' '))
    assert.match(result.stderr, error, flags.join(' '))
  }
  assert.ok(!existsSync(project), 'a refused build wrote a project')
})
