// `ssc` as a user runs it: help, version, init, build layout, packaging, and the commands that cannot work here.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, ssc, sscInProcess, tempDir } from './helpers.ts'

const HOME = tempDir('ssc-home-')
const env = { HOME }
// In-process runs read HOME too (for ~/.sscrc).
process.env.HOME = HOME
const HOST_BUILT = existsSync(join(REPO, 'build', 'native', 'socket-host'))
const RUNTIME_BUILT = existsSync(join(REPO, 'build', 'runtime', 'socket'))
const PARTS = HOST_BUILT && RUNTIME_BUILT ? false : 'needs build/native/socket-host and build/runtime/socket (npm run setup)'

async function initApp (name = 'hello'): Promise<string> {
  const dir = join(tempDir(), name)
  const result = await sscInProcess(['init', '-q', dir])
  assert.equal(result.status, 0, result.stderr)
  return dir
}

test('--help lists every command; per-command help lists its flags; unknown input exits 2', async () => {
  const help = await ssc(['--help'])
  assert.equal(help.status, 0)
  for (const command of ['init', 'build', 'run', 'print-build-dir', 'env', 'setup', 'list-devices', 'install-app']) {
    assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'))
  }
  const build = await ssc(['build', '--help'])
  assert.equal(build.status, 0)
  for (const flag of ['-r, --run', '-w, --watch', '-p, --package', '-f, --package-format', '--headless', '--test=', '--port=', '--host=', '--prod', '-o, --only-build', '-D, --debug', '-V, --verbose', '-q, --quiet']) {
    assert.ok(build.stdout.includes(flag), `build --help mentions ${flag}`)
  }
  assert.equal((await sscInProcess(['help', 'init'])).stdout.split('\n')[0], 'ssc init: create an app in [dir] (default: .): socket.ini, src/, a test')
  const unknown = await sscInProcess(['frobnicate'])
  assert.equal(unknown.status, 2)
  assert.match(unknown.stderr, /unknown command "frobnicate"/)
  const badFlag = await sscInProcess(['build', '--frob'])
  assert.equal(badFlag.status, 2)
  assert.match(badFlag.stderr, /unknown option "--frob" for "ssc build"/)
})

test('--version prints the version, commit and installation path', async () => {
  const result = await ssc(['--version'])
  assert.equal(result.status, 0)
  const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version
  assert.match(result.stdout, new RegExp(`^v${version.replace(/\./g, '\\.')} \\(([0-9a-f]+|unknown)\\)\nInstallation path: ${REPO}\n$`))
})

test('init writes the seed app; existing files are kept; -C writes only socket.ini; -n names it', async () => {
  const dir = await initApp('My_App')
  for (const file of ['socket.ini', 'src/index.html', 'src/index.css', 'src/index.js', 'test/index.js', '.gitignore']) {
    assert.ok(existsSync(join(dir, file)), `${file} written`)
  }
  const ini = readFileSync(join(dir, 'socket.ini'), 'utf8')
  assert.match(ini, /^name = "My_App"$/m)
  assert.match(ini, /^bundle_identifier = "com\.example\.myapp"$/m)
  assert.match(readFileSync(join(dir, 'src/index.html'), 'utf8'), /<h1>Hello, World<\/h1>/)
  assert.match(readFileSync(join(dir, 'src/index.js'), 'utf8'), /import fs from 'socket:fs\/promises'/)

  writeFileSync(join(dir, 'src/index.html'), 'mine')
  const again = await sscInProcess(['init', dir])
  assert.equal(again.status, 0)
  assert.match(again.stderr, /kept existing src\/index\.html/)
  assert.equal(readFileSync(join(dir, 'src/index.html'), 'utf8'), 'mine')

  const configOnly = join(tempDir(), 'cfg')
  assert.equal((await sscInProcess(['init', '-C', '-n', 'named', configOnly])).status, 0)
  assert.ok(existsSync(join(configOnly, 'socket.ini')))
  assert.ok(!existsSync(join(configOnly, 'src')))
  assert.match(readFileSync(join(configOnly, 'socket.ini'), 'utf8'), /^name = "named"$/m)

  const bad = await sscInProcess(['init', '-n', 'no spaces', join(tempDir(), 'x')])
  assert.equal(bad.status, 2)
  assert.match(bad.stderr, /"no spaces" cannot be an app name/)
})

test('print-build-dir prints the resources directory (or --root the package root), -dev unless --prod', async () => {
  const dir = await initApp()
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64'
  const dev = await sscInProcess(['print-build-dir', dir])
  assert.equal(dev.stdout, join(dir, 'build', 'linux', `hello-dev_v1.0.0-1_${arch}`, 'opt', 'hello-dev') + '\n')
  const prod = await sscInProcess(['print-build-dir', '--prod', '--root', dir])
  assert.equal(prod.stdout, join(dir, 'build', 'linux', `hello_v1.0.0-1_${arch}`) + '\n')
  // Android: the assets folder the host serves (where a bundler writes), or --root the Gradle project.
  const android = await sscInProcess(['print-build-dir', '--platform=android', dir])
  assert.equal(android.stdout, join(dir, 'build', 'android', 'hello-dev', 'app', 'src', 'main', 'assets', 'app') + '\n')
  const androidRoot = await sscInProcess(['print-build-dir', '--platform=android', '--prod', '--root', dir])
  assert.equal(androidRoot.stdout, join(dir, 'build', 'android', 'hello') + '\n')
})

test('a malformed socket.ini stops the build with the file, line and key, and exit status 1', async () => {
  const dir = await initApp()
  writeFileSync(join(dir, 'socket.ini'), '[build]\nname = "bad name"\n[meta]\nbundle_identifier = com.example.x\n')
  const result = await ssc(['build', dir], { env })
  assert.equal(result.status, 1)
  assert.equal(result.stderr.trim(), `ssc: ConfigError: ${join(dir, 'socket.ini')}:2: build_name: "bad name" is not a valid name: use only letters, digits, "_" and "-" (it becomes the executable's name)`)
  writeFileSync(join(dir, 'socket.ini'), '[build]\nname = x\ncopy = "www"\n[meta]\nbundle_identifier = com.example.x\n')
  const noCopy = await sscInProcess(['build', dir])
  assert.equal(noCopy.status, 1)
  assert.match(noCopy.stderr, /socket\.ini:3: build_copy: "www" does not exist/)
  const missing = await sscInProcess(['build', join(dir, 'nope')])
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /socket\.ini: not found/)
})

test('build lays out the Linux package: executable, app files, runtime, config, .desktop, control', { skip: PARTS }, async () => {
  const dir = await initApp()
  // A build script (finds the resources dir in $SSC_RESOURCES_DIR) and a copy_map with a renamed file.
  writeFileSync(join(dir, 'socket.ini'), readFileSync(join(dir, 'socket.ini'), 'utf8')
    .replace('; script = "npm run build"', 'script = "sh make.sh"')
    .replace('output = "build"', 'output = "build"\ncopy_map = "copy-map.ini"')
    .replace('categories = "Utility"', 'categories = "Utility"\nicon = "icon.png"'))
  writeFileSync(join(dir, 'icon.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
  writeFileSync(join(dir, 'make.sh'), 'echo generated > "$SSC_RESOURCES_DIR/generated.txt"\n')
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'assets', 'logo.svg'), '<svg/>')
  writeFileSync(join(dir, 'copy-map.ini'), '# source = destination\nassets/logo.svg = img/logo.svg\n')

  const result = await ssc(['build', dir], { env })
  assert.equal(result.status, 0, result.stderr)
  assert.match(result.stderr, /running \[build\] script/)
  assert.match(result.stderr, /copying app files: done, 4 files/)

  const root = (await sscInProcess(['print-build-dir', '--root', dir])).stdout.trim()
  const res = join(root, 'opt', 'hello-dev')
  const exe = join(res, 'hello-dev')
  assert.ok(statSync(exe).mode & 0o111, 'the executable is executable')
  assert.deepEqual(readFileSync(exe), readFileSync(join(REPO, 'build', 'native', 'socket-host')))
  for (const file of ['index.html', 'index.css', 'index.js', 'generated.txt', 'img/logo.svg', 'socket-config.json']) {
    assert.ok(existsSync(join(res, file)), `${file} in resources`)
  }
  assert.ok(existsSync(join(res, 'socket')), 'runtime JS copied to socket/')

  const config = JSON.parse(readFileSync(join(res, 'socket-config.json'), 'utf8'))
  assert.equal(config.build_name, 'hello-dev')
  assert.equal(config.meta_bundle_identifier, 'com.example.hello')
  assert.equal(config.build_script, 'sh make.sh')
  assert.ok(Object.values(config).every((v) => typeof v === 'string'), 'flat string values')

  assert.deepEqual(readFileSync(join(root, 'usr/share/icons/hicolor/256x256/apps/hello-dev.png')), readFileSync(join(dir, 'icon.png')))
  const desktop = readFileSync(join(root, 'usr/share/applications/hello-dev.desktop'), 'utf8')
  assert.match(desktop, /^\[Desktop Entry\]$/m)
  assert.match(desktop, /^Exec=\/opt\/hello-dev\/hello-dev %U$/m)
  assert.match(desktop, /^Categories=Utility;$/m)
  assert.match(desktop, /^MimeType=x-scheme-handler\/com-example-hello;$/m)
  const control = readFileSync(join(root, 'DEBIAN/control'), 'utf8')
  assert.match(control, /^Package: hello-dev$/m)
  assert.match(control, /^Version: 1\.0\.0$/m)
  assert.match(control, /^Architecture: (amd64|arm64)$/m)
  assert.match(control, /^Depends: libwebkit2gtk-4\.1-0, libgtk-3-0$/m)

  // A failing build script stops the build with its status.
  writeFileSync(join(dir, 'make.sh'), 'exit 3\n')
  const failed = await sscInProcess(['build', dir])
  assert.equal(failed.status, 1)
  assert.match(failed.stderr, /\[build\] script "sh make\.sh" failed with exit status 3/)
})

test('-p packages a release build by default: a .deb dpkg-deb lists, and -f zip a zip of the app itself; -p with -r is refused', { skip: PARTS }, async () => {
  const dir = await initApp()
  const deb = await ssc(['build', '-p', dir], { env })
  assert.equal(deb.status, 0, deb.stderr)
  assert.match(deb.stderr, /warning: \[meta\] maintainer is not set/)
  assert.match(deb.stderr, /packaging \(deb\)…/)
  const debPath = deb.stdout.trim()
  assert.match(debPath, /hello_v1\.0\.0-1_(amd64|arm64)\.deb$/)
  const listing = execFileSync('dpkg-deb', ['-c', debPath], { encoding: 'utf8' })
  for (const path of ['./opt/hello/hello', './opt/hello/index.html', './opt/hello/socket-config.json',
    './opt/hello/socket/', './usr/share/applications/hello.desktop']) {
    assert.ok(listing.includes(` ${path}`), `${path} in the .deb`)
  }
  assert.match(listing, /^-rwxr-xr-x root\/root .* \.\/opt\/hello\/hello$/m)
  const fields = execFileSync('dpkg-deb', ['-f', debPath, 'Package', 'Version'], { encoding: 'utf8' })
  assert.equal(fields, 'Package: hello\nVersion: 1.0.0\n')
  const packaged = JSON.parse(execFileSync('sh', ['-c', `dpkg-deb --fsys-tarfile '${debPath}' | tar -xO ./opt/hello/socket-config.json`], { encoding: 'utf8' }))
  assert.equal(packaged.build_profile, 'prod', 'no inspector, no error overlay')

  writeFileSync(join(dir, 'socket.ini'), readFileSync(join(dir, 'socket.ini'), 'utf8').replace('[meta]', '[meta]\nmaintainer = "Ada Lovelace <ada@example.com>"'))
  const signed = await ssc(['build', '-p', '-q', dir], { env })
  assert.doesNotMatch(signed.stderr, /maintainer is not set/)
  assert.equal(execFileSync('dpkg-deb', ['-f', signed.stdout.trim(), 'Maintainer'], { encoding: 'utf8' }), 'Ada Lovelace <ada@example.com>\n')
  const devDeb = await ssc(['build', '-p', '-q', '--dev', dir], { env })
  assert.match(devDeb.stdout.trim(), /hello-dev_v1\.0\.0-1_(amd64|arm64)\.deb$/)

  const zip = await ssc(['build', '-p', '-f', 'zip', dir], { env })
  assert.equal(zip.status, 0, zip.stderr)
  const zipListing = execFileSync('unzip', ['-l', zip.stdout.trim()], { encoding: 'utf8' })
  assert.match(zipListing, / hello\/hello$/m)
  assert.match(zipListing, / hello\/index\.html$/m)
  assert.doesNotMatch(zipListing, /DEBIAN|opt\/|usr\/share/)

  const both = await sscInProcess(['build', '-p', '-r', dir])
  assert.equal(both.status, 2)
  assert.match(both.stderr, /-p \(package\) cannot be combined with -r \(run\)/)
  const format = await sscInProcess(['build', '-p', '-f', 'pkg', dir])
  assert.equal(format.status, 2)
  assert.match(format.stderr, /package format "pkg" is not available on Linux: use deb or zip/)
})

test('mobile commands and targets say why they cannot work here and exit 1', async () => {
  const dir = await initApp()
  const cases: Array<[string[], RegExp]> = [
    [['setup', '--platform=ios'], /NotSupportedError: cannot set up a toolchain for ios here: Apple targets need macOS with Xcode/],
    [['setup', '--platform=android'], /NotSupportedError: cannot set up a toolchain for android: this machine has no Android SDK/],
    [['list-devices', '--platform=ios'], /Apple targets need macOS/],
    [['list-devices', '--platform=android'], /no Android SDK \(aapt2, d8, adb\), emulator or device/],
    [['install-app', '--platform=ios', dir], /cannot install an app for ios/],
    [['build', '--platform=android-emulator', dir], /cannot build for android-emulator/],
    [['build', '--platform=android', '-r', dir], /running the app \(-r\) needs the Android SDK/],
    [['build', '--platform=android', '-p', dir], /packaging an APK \(-p\) needs the Android SDK/],
    [['build', '--platform=android', '--port=5173', dir], /loading a dev server \(--port\) needs the Android SDK/],
    [['build', '--platform=ios-simulator', dir], /cannot build for ios-simulator here/],
    [['build', '-c', dir], /code signing \(-c\) and notarization \(-n\) are Apple platform steps/]
  ]
  for (const [args, message] of cases) {
    const result = await sscInProcess(args)
    assert.equal(result.status, 1, `ssc ${args.join(' ')}`)
    assert.match(result.stderr, message)
  }
  const noPlatform = await sscInProcess(['setup'])
  assert.equal(noPlatform.status, 2)
  assert.match(noPlatform.stderr, /needs --platform=android or --platform=ios/)
  const notPackaged = await sscInProcess(['install-app', dir])
  assert.equal(notPackaged.status, 1)
  assert.match(notPackaged.stderr, /\.deb does not exist: package it first with "ssc build -p"/)
})

test('env prints the variables ssc reads', async () => {
  process.env.ANDROID_HOME = '/opt/android'
  const result = await sscInProcess(['env'])
  assert.equal(result.status, 0)
  assert.match(result.stdout, /^ANDROID_HOME=\/opt\/android$/m)
  assert.match(result.stdout, /^SOCKET_HOME_API=/m)
  assert.match(result.stdout, /^# resolved: host=.*socket-host$/m)
})

test('run refuses an app that is not built, naming the command to build it', async () => {
  const dir = await initApp()
  const result = await sscInProcess(['run', dir])
  assert.equal(result.status, 1)
  assert.match(result.stderr, /hello-dev is not built: run "ssc build .*" first/)
})

test('-w rebuilds when a watched file changes, and Ctrl-C stops it', { skip: PARTS }, async () => {
  const dir = await initApp()
  const { spawn } = await import('node:child_process')
  const child = spawn(process.execPath, [join(REPO, 'cli', 'bin', 'ssc.js'), 'build', '-w', dir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const until = async (predicate: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 20_000
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  try {
    await until(() => stderr.includes('watching'), 'the watch to start')
    const root = (await sscInProcess(['print-build-dir', dir])).stdout.trim()
    writeFileSync(join(dir, 'src', 'index.html'), '<h1>changed</h1>')
    // A rebuild replaces the build folder's files, so index.html can be missing for a moment: not yet, not a failure.
    const builtIndex = (): string | null => { try { return readFileSync(join(root, 'index.html'), 'utf8') } catch { return null } }
    await until(() => builtIndex() === '<h1>changed</h1>', 'the rebuilt index.html')
    await until(() => stderr.includes('rebuilt'), 'the rebuild message')
  } finally {
    child.kill('SIGINT')
  }
  const [code] = await new Promise<[number | null]>((resolve) => child.on('close', (c) => resolve([c])))
  assert.equal(code, 0)
})
