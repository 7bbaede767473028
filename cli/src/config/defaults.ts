// Values the original fills in when socket.ini leaves them out, so the host and the package see them.
import type { AppConfig } from './load.ts'

const DEFAULTS: Record<string, string> = {
  build_copy: 'src',
  build_output: 'build',
  meta_version: '1.0.0',
  webview_root: '/',
  window_width: '80%',
  window_height: '80%'
}

export function applyDefaults (config: AppConfig): void {
  const set = (key: string, value: string): void => {
    if (!config.entries.has(key)) config.entries.set(key, { value, file: '(default)', line: 0 })
  }
  for (const [key, value] of Object.entries(DEFAULTS)) set(key, value)
  set('meta_title', config.entries.get('build_name')?.value ?? '')
  const bundle = config.entries.get('meta_bundle_identifier')?.value ?? ''
  if (bundle !== '') set('meta_application_protocol', bundle.replace(/[._]/g, '-'))
}
