// The socket.ini schema: every section and key the original defines, its type, what it does, and whether the
// Linux host honours it. One source: `ssc` validates with it, `docs/config.md` documents it, and
// `cli/schema/socket.ini.schema.json` (for editors) is generated from it. Adding a key is one line here.

import { PERMISSIONS } from '../../../generator/permissions.ts'

/** How a value is checked. `size`: `800`, `800px` or `80%` (of the screen). `list`: space-separated (`key[]`). */
export type KeyType = 'string' | 'boolean' | 'number' | 'size' | 'color' | 'list' | 'path' | readonly string[]

export interface KeyDef {
  type: KeyType
  doc: string
  /** The value used when the key is absent. */
  default?: string
  /** Set when Linux cannot honour the key: names the platforms that do. A warning, not an error. */
  notOnLinux?: string
  /** Linux could honour it, but the host does not act on it yet. A warning, not an error. */
  notYet?: true
}

export interface SectionDef {
  doc: string
  keys: Record<string, KeyDef>
  /** Any key name is allowed (paths, variable names, locales), with values of this type. */
  anyKey?: KeyType
  /** Linux ignores the whole section; names the platform that reads it (no warning: it is platform-scoped). */
  platform?: string
  /** The host does not act on this section yet (a warning per key). */
  notYet?: true
}

const k = (type: KeyType, doc: string, extra: Partial<KeyDef> = {}): KeyDef => ({ type, doc, ...extra })
const apple = 'macOS and iOS'
const notYet = { notYet: true } as const
const ICON_SIZES = k('string', 'icon sizes to generate (e.g. "512@1x")')

export const SCHEMA: Record<string, SectionDef> = {
  build: {
    doc: 'How `ssc build` makes the app.',
    keys: {
      name: k('string', 'the executable\'s name: letters, digits, `_` and `-` (required)'),
      copy: k('list', 'files served at `socket://<bundle_identifier>/`', { default: 'src' }),
      copy_map: k('path', 'an ini-like file of `source = destination` pairs'),
      output: k('path', 'the output folder', { default: 'build' }),
      script: k('string', 'a shell command run before copying (see "The build script" below)'),
      env: k('list', 'environment variables the page may read (`process.env`)'),
      headless: k('boolean', 'never show the window (same as `--headless`)', { default: 'false' }),
      flags: k('string', 'compiler flags for the native build', { notOnLinux: 'platforms that compile the host per app; the Linux host is prebuilt' })
    }
  },
  'build.script': { doc: 'The build script.', keys: { forward_arguments: k('boolean', 'append the resources directory, `--debug=true` and the arguments after `--` to the script', { default: 'false' }) } },
  'build.watch': { doc: 'What `-w` watches.', keys: { sources: k('list', 'paths watched by `-w` (default: the `copy` paths and socket.ini)') } },
  'build.extensions': { doc: 'Native extensions (`socket:extension`): `name = a.c b.c`, C/C++ sources compiled to `socket/extensions/<name>/lib<name>.so`.', keys: {}, anyKey: 'list' },
  'build.extensions.linux': { doc: 'Native extensions built only for Linux: `name = a.c`.', keys: {}, anyKey: 'list' },
  meta: {
    doc: 'What the app is.',
    keys: {
      bundle_identifier: k('string', 'reverse-DNS id, e.g. `com.example.app`; the origin is `socket://<id>` (required)'),
      application_protocol: k('string', 'the deep-link URL scheme', { default: '<bundle id with "." and "_" as "-">' }),
      title: k('string', 'the window title and the `.desktop` name', { default: '<[build] name>' }),
      version: k('string', 'a version like `1.0.0`', { default: '1.0.0' }),
      description: k('string', 'the package description'),
      copyright: k('string', 'a copyright line'),
      maintainer: k('string', 'the package maintainer (`Name <email>`), used by `ssc build -p`'),
      lang: k('string', 'the app\'s language (e.g. `en-US`)'),
      file_limit: k('number', 'the open-file limit', { notOnLinux: 'the original\'s desktop hosts' }),
      type: k(['app', 'extension'], 'an app or an extension', { default: 'app' })
    }
  },
  window: {
    doc: 'The first window.',
    keys: {
      width: k('size', 'width: pixels (`800`, `800px`) or a percent of the screen (`80%`)', { default: '80%' }),
      height: k('size', 'height: pixels or a percent of the screen', { default: '80%' }),
      min_width: k('size', 'the smallest width the user can resize to', { default: '0' }),
      min_height: k('size', 'the smallest height', { default: '0' }),
      max_width: k('size', 'the largest width', { default: '100%' }),
      max_height: k('size', 'the largest height', { default: '100%' }),
      resizable: k('boolean', 'the user can resize the window', { default: 'true' }),
      frameless: k('boolean', 'no title bar or border', { default: 'false' }),
      maximizable: k('boolean', 'the window manager offers maximize', { default: 'true' }),
      minimizable: k('boolean', 'the window manager offers minimize', { default: 'true' }),
      closable: k('boolean', 'the window manager offers close', { default: 'true' }),
      utility: k('boolean', 'a utility window (a tool palette: no taskbar entry)', { default: 'false' }),
      titlebar_style: k(['hidden', 'hiddenInset'], 'how the title bar is drawn', { notOnLinux: 'macOS' }),
      backgroundColorLight: k('color', 'the colour behind the page before it paints (light theme)'),
      backgroundColorDark: k('color', 'the same when GTK prefers a dark theme'),
      background_color_light: k('color', 'alias of `backgroundColorLight`'),
      background_color_dark: k('color', 'alias of `backgroundColorDark`'),
      aspect_ratio: k('string', 'a fixed aspect ratio like `16:9`', { notOnLinux: apple })
    }
  },
  'window.alert': { doc: 'Alerts.', keys: { title: k('string', 'the title of `alert()` dialogs', { notOnLinux: 'macOS and Windows' }) } },
  webview: {
    doc: 'What the page sees and may do.',
    keys: {
      root: k('path', 'the path loaded first', { default: '/' }),
      default_index: k('path', 'the page served for unknown extension-less paths (single-page apps)', { default: 'index.html' }),
      watch: k('boolean', 'reload the page when its files change; `ssc build -w` reloads it in place after each rebuild either way', { default: 'false' }),
      headers: k('list', 'extra response headers for app files, one `Name: value` per `headers[]` line', notYet),
      allow_eval: k('boolean', 'add `\'unsafe-eval\'` to the default CSP: `require()` of JavaScript files and `socket:vm` compile code at run time', { default: 'false' }),
      csp: k('string', 'the Content-Security-Policy sent with the app\'s HTML'),
      navigator_policy: k('string', 'where top-level navigation may go'),
      'service-workers': k('list', 'service workers to register', { notOnLinux: 'the original\'s service-worker hosts; on Linux use `[webview.service-workers]`' }),
      service_worker_fetch_timeout: k('number', 'ms a service worker has to answer a request before the page gets a 504', { default: '30000' }),
      'protocol-handlers': k('list', 'URL schemes (`web+myapp`, `npm`) whose requests a service worker answers; the worker comes from `[webview.protocol-handlers]` or `socket:protocol-handlers` `registerProtocolHandler`'),
      auto_register_service_workers: k('boolean', 'register `service-workers` at start', { notOnLinux: 'the original\'s service-worker hosts' }),
      'cache-control': k('string', 'a Cache-Control header for app files', notYet),
      insecure_domains: k('list', 'domains allowed over plain http', notYet),
      xhr_concurrency: k('number', 'concurrent IPC XHRs', { notOnLinux: 'the original\'s hosts' }),
      service_worker_mode: k('string', 'how service workers are hosted', { notOnLinux: 'the original\'s service-worker hosts' }),
      fetch_headers_filter: k('list', 'headers stripped from fetch responses', notYet),
      filesystem_picker_require_user_activation: k('boolean', 'file pickers need a user gesture', notYet)
    }
  },
  'webview.watch': { doc: '`-w` reload details.', keys: { reload: k('boolean', '`false`: `ssc build -w` restarts the app after a rebuild instead of reloading the window in place', { default: 'true' }), service_worker_reload_timeout: k('number', 'ms to wait for service workers', { notOnLinux: 'the original\'s service-worker hosts' }) } },
  'webview.navigator.mounts': { doc: 'Host folders mounted into the app\'s file system: `$HOST_HOME/Documents = /docs`.', keys: {}, anyKey: 'path', notYet: true },
  'webview.navigator.policies': {
    doc: 'Navigation policy (docs/security.md).',
    keys: {
      allowed: k('list', 'URL patterns the main frame may navigate to besides the app'),
      frames: k('list', 'what frames may load besides the app (`data:`, `https:` or an origin); also added to the CSP\'s `frame-src`'),
      external: k('list', 'URL patterns of followed links that open in the system browser')
    }
  },
  'webview.service-workers': { doc: 'Service workers registered at start: `/scope/ = /worker.js` (docs/host.md, "Service workers").', keys: {}, anyKey: 'path' },
  'webview.protocol-handlers': { doc: 'Protocol handlers: `<scheme> = /worker.js`, a service worker that answers `<scheme>:…` requests from the app\'s pages (docs/host.md, "Service workers").', keys: {}, anyKey: 'path' },
  permissions: {
    doc: 'What the app may use. Every key is `true` or `false`.',
    keys: {
      allow_fullscreen: k('boolean', 'the Fullscreen API', { default: 'true' }),
      allow_microphone: k('boolean', 'the microphone', { default: 'true' }),
      allow_camera: k('boolean', 'the camera', { default: 'true' }),
      allow_user_media: k('boolean', '`getUserMedia` (WebRTC media)', { default: 'true' }),
      allow_geolocation: k('boolean', 'the Geolocation API', { default: 'true' }),
      allow_notifications: k('boolean', '`socket:notification` and the Notification API', { default: 'true' }),
      allow_sensors: k('boolean', 'device sensors', { default: 'true', notYet: true }),
      allow_clipboard: k('boolean', 'script access to the clipboard', { default: 'true' }),
      allow_data_access: k('boolean', 'website data (storage, cookies)', { default: 'true', notYet: true }),
      allow_airplay: k('boolean', 'AirPlay', { default: 'true', notOnLinux: apple }),
      allow_hotkeys: k('boolean', 'global hotkeys (`socket:window/hotkey`)', { default: 'true' }),
      // The permissions the IDL's [Permission=…] attributes name, with their defaults (generator/permissions.ts).
      ...Object.fromEntries(PERMISSIONS.map((p) => [`allow_${p.name}`, k('boolean', p.gates, { default: String(p.granted) })])),
      allow_service_worker: k('boolean', 'service workers run by the runtime (`socket:service-worker`, `navigator.serviceWorker`)', { default: 'true' }),
      allow_autoplay: k('boolean', 'media autoplay', { default: 'true', notYet: true }),
      allow_push_notifications: k('boolean', 'push notifications', { default: 'true', notOnLinux: apple }),
      allow_device_orientation: k('boolean', 'device orientation events', { default: 'true', notYet: true }),
      allow_read_media_images: k('boolean', 'reading the photo library', { default: 'true', notOnLinux: 'Android' }),
      allow_read_media_video: k('boolean', 'reading videos', { default: 'true', notOnLinux: 'Android' }),
      allow_read_media_audio: k('boolean', 'reading audio', { default: 'true', notOnLinux: 'Android' }),
      allow_local_fonts: k('boolean', 'the Local Font Access API', { default: 'true', notYet: true }),
      hardware_acceleration_disabled: k('boolean', 'turn GPU compositing off; unset: off only where there is no GPU render node (/dev/dri/renderD*), where WebKit would composite on the CPU through Mesa llvmpipe for about 60 MB more per web process (WebGL still works); `false` keeps WebKit\'s default everywhere')
    }
  },
  filesystem: {
    doc: 'Folders outside the app\'s own that `socket:fs` may use (the app\'s files are readable; its data, config and cache folders writable).',
    keys: {
      allow: k('list', 'folders read and written: absolute, `~/…`, `$HOME/…`, `$TMP/…`, or relative to the app (`allow[] = ~/Notes`)'),
      read: k('list', 'folders only read (`read[] = /usr/share/dict`)')
    }
  },
  application: { doc: 'App-wide behaviour.', keys: { agent: k('boolean', 'a tray-only app with no taskbar entry', { notOnLinux: 'macOS' }) } },
  tray: { doc: 'The tray icon.', keys: { icon: k('path', 'the tray icon', notYet) } },
  debug: { doc: 'Debug builds.', keys: { flags: k('string', 'compiler flags for debug builds', { notOnLinux: 'platforms that compile the host per app; the Linux host is prebuilt' }) } },
  native: { doc: 'Extra native sources.', keys: { files: k('list', 'C++ files compiled into the app', { notOnLinux: 'platforms that compile the host per app; the Linux host is prebuilt' }), headers: k('list', 'headers for them', { notOnLinux: 'platforms that compile the host per app; the Linux host is prebuilt' }) } },
  headless: {
    doc: 'How `--headless` runs without a display.',
    keys: {
      runner: k('string', 'the wrapper (default `xvfb-run`)'),
      runner_flags: k('string', 'its flags (default `-a -s \'-screen 0 1920x1080x24\'`)'),
      runner_linux: k('string', 'the wrapper on Linux (wins over `runner`)'),
      runner_linux_flags: k('string', 'its flags'),
      runner_mac: k('string', 'the wrapper on macOS'), runner_mac_flags: k('string', 'its flags'),
      runner_win: k('string', 'the wrapper on Windows'), runner_win_flags: k('string', 'its flags')
    }
  },
  env: { doc: 'Variables added to `process.env` in the page: `NAME = value`.', keys: {}, anyKey: 'string' },
  i18n: { doc: 'Localisation (`socket:i18n`).', keys: { default_locale: k('string', 'the fallback locale', notYet) } },
  'i18n.locales': { doc: 'Message files by locale: `en = locales/en.json`.', keys: {}, anyKey: 'path', notYet: true },
  linux: {
    doc: 'Linux.',
    keys: {
      cmd: k('string', 'a backend sub-process started by the host (see `docs/cli.md`)'),
      icon: k('path', 'a PNG installed into the hicolor icon theme'),
      icon_sizes: k('string', 'icon sizes to generate', { notOnLinux: 'macOS, Windows, iOS and Android (Linux installs one 256x256 icon)' }),
      categories: k('string', '`.desktop` categories, e.g. `Utility`')
    }
  },
  mac: { doc: 'macOS.', platform: 'macOS', keys: { cmd: k('string', 'backend'), category: k('string', 'App Store category'), codesign_identity: k('string', 'signing identity'), codesign_paths: k('list', 'extra paths to sign'), minimum_supported_version: k('string', 'e.g. 13.0.0'), window_control_offsets: k('string', 'traffic-light offsets'), icon: k('path', 'icon'), icon_sizes: ICON_SIZES } },
  win: { doc: 'Windows.', platform: 'Windows', keys: { cmd: k('string', 'backend'), logo: k('path', 'logo'), pfx: k('path', 'signing certificate'), icon: k('path', 'icon'), icon_sizes: ICON_SIZES, publisher: k('string', 'publisher') } },
  ios: { doc: 'iOS.', platform: 'iOS', keys: { codesign_identity: k('string', 'signing identity'), distribution_method: k('string', 'e.g. ad-hoc'), provisioning_profile: k('path', 'profile'), simulator_device: k('string', 'simulator'), nonexempt_encryption: k('boolean', 'export compliance'), icon: k('path', 'icon'), icon_sizes: ICON_SIZES } },
  android: {
    doc: 'Android: read by `ssc build --platform=android` (docs/mobile.md).',
    platform: 'Android',
    keys: {
      aapt_no_compress: k('list', 'file extensions stored uncompressed in the APK (Gradle `androidResources.noCompress`; a leading dot is dropped)'),
      enable_standard_ndk_build: k('boolean', 'not used yet: NDK build'),
      main_activity: k('string', 'the launcher activity; only the host\'s `socket.android.MainActivity` is built, so another name is refused'),
      manifest_permissions: k('list', 'extra `<uses-permission>` names: `VIBRATE` means `android.permission.VIBRATE`; a dotted name is kept'),
      native_abis: k('list', 'not used yet: ABIs'),
      native_cflags: k('string', 'not used yet: C flags'),
      native_sources: k('list', 'not used yet: sources'),
      native_makefile: k('path', 'not used yet: makefile'),
      sources: k('list', 'not used yet: Java/Kotlin sources'),
      icon: k('path', 'a PNG launcher icon (`res/mipmap/ic_launcher.png`)'),
      icon_sizes: ICON_SIZES
    }
  }
}

// Sections are written dotted (`[webview.watch]`); the parser flattens them to `webview_watch`.
const BY_FLAT_NAME = new Map(Object.keys(SCHEMA).map((name) => [name.replace(/\./g, '_'), name]))

/** The dotted schema name of a flattened section (`webview_watch` -> `webview.watch`), if it is known. */
export function sectionName (flat: string): string | undefined {
  return BY_FLAT_NAME.get(flat)
}

/** The schema entry for a flattened section and a key, if it exists. */
export function lookupKey (flatSection: string, key: string): KeyDef | undefined {
  const name = sectionName(flatSection)
  const def = name === undefined ? undefined : SCHEMA[name]
  if (def === undefined) return undefined
  if (Object.hasOwn(def.keys, key)) return def.keys[key]
  return def.anyKey !== undefined ? { type: def.anyKey, doc: '', ...(def.notYet === true ? notYet : {}) } : undefined
}
