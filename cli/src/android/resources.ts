// The app module's res/: its name, the theme (no action bar: the page is the whole window), and the launcher icon
// from `[android] icon`.
import { mkdirSync, writeFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { configValue, type AppConfig } from '../config/load.ts'
import { ConfigError } from '../errors.ts'
import { copyIcon } from '../build-steps/icon.ts'
import { xmlEscape } from './manifest.ts'

/**
 * A string resource's text: XML-escaped, and what aapt2 reads specially escaped with a backslash (`\`, both
 * quotes, which it would otherwise strip or refuse, and a leading `@` or `?`, a reference to another resource).
 */
export function androidString (text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/"/g, '\\"').replace(/^([@?])/, '\\$1')
  return escaped.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function stringsXml (config: AppConfig): string {
  const title = configValue(config, 'meta_title') || configValue(config, 'build_name')
  return `<?xml version="1.0" encoding="utf-8"?>
<resources>
  <string name="app_name">${androidString(title)}</string>
</resources>
`
}

export const THEMES_XML = `<?xml version="1.0" encoding="utf-8"?>
<resources>
  <style name="AppTheme" parent="android:Theme.Material.Light.NoActionBar" />
</resources>
`

/** `[android] icon` must be a PNG: it becomes res/mipmap/ic_launcher.png. */
export function checkIcon (config: AppConfig): void {
  const icon = configValue(config, 'android_icon')
  if (icon === '' || extname(icon).toLowerCase() === '.png') return
  const entry = config.entries.get('android_icon')!
  throw new ConfigError(entry.file, entry.line, 'android_icon', `"${icon}" is not a .png file (the launcher icon is res/mipmap/ic_launcher.png)`)
}

/** Writes res/ under `main`; returns whether a launcher icon (`res/mipmap/ic_launcher.png`) was placed. */
export function writeResources (config: AppConfig, main: string): boolean {
  const values = join(main, 'res', 'values')
  mkdirSync(values, { recursive: true })
  writeFileSync(join(values, 'strings.xml'), stringsXml(config))
  writeFileSync(join(values, 'themes.xml'), THEMES_XML)
  checkIcon(config)
  return copyIcon(config, 'android_icon', join(main, 'res', 'mipmap', 'ic_launcher.png'))
}
