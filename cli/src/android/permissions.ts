// What socket.ini grants the Android host, and the AndroidManifest permissions that implies.
import { PERMISSIONS, grantKey } from '../../../generator/permissions.ts'
import { ConfigError } from '../errors.ts'
import { configValue, type AppConfig } from '../config/load.ts'

/** Every permission's decision (`[permissions] allow_<name>` or generator/permissions.ts's default), as the host reads it. */
export function resolvedPermissions (config: AppConfig): Record<string, string> {
  const out: Record<string, string> = {}
  for (const permission of PERMISSIONS) {
    const value = configValue(config, grantKey(permission.name)).trim().toLowerCase()
    const granted = ['true', '1', 'yes'].includes(value) ? true : ['false', '0', 'no'].includes(value) ? false : permission.granted
    out[grantKey(permission.name)] = String(granted)
  }
  return out
}

/**
 * Manifest permissions each granted socket permission needs on Android: only for what the Android host
 * implements, so an app never asks the user for something it cannot use. None do today: `open_external` starts an
 * ACTION_VIEW intent, which needs none; bluetooth, notifications, hotkeys, child_process and set_priority have no
 * Android service (their routes answer NotFoundError or NotSupportedError); and the page's camera, microphone and
 * geolocation need a WebChromeClient granting them, which the host does not have (the WebView refuses them
 * whatever the manifest says). An app that adds such code asks with `[android] manifest_permissions`.
 * docs/mobile.md has the table; add a row here when a service lands.
 */
const IMPLIED: Record<string, string[]> = {}

/** udp, dns and http(s) pages are [Permission=none] and always available, so every app can use the network. */
const ALWAYS = ['android.permission.INTERNET']

const NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/

/** The manifest's `<uses-permission>` names: the network, what granted permissions imply, `[android] manifest_permissions`. */
export function manifestPermissions (config: AppConfig): string[] {
  const names = new Set(ALWAYS)
  for (const [key, granted] of Object.entries(resolvedPermissions(config))) {
    if (granted === 'true') for (const name of IMPLIED[key.replace(/^permissions_allow_/, '')] ?? []) names.add(name)
  }
  const extra = configValue(config, 'android_manifest_permissions').split(/[\s,]+/).filter((p) => p !== '')
  for (const item of extra) {
    if (!NAME.test(item)) {
      const entry = config.entries.get('android_manifest_permissions')!
      throw new ConfigError(entry.file, entry.line, 'android_manifest_permissions', `"${item}" is not a permission name (e.g. CAMERA or android.permission.CAMERA)`)
    }
    names.add(item.includes('.') ? item : `android.permission.${item}`)
  }
  return [...names].sort()
}
