// For tests and the screenshot script: instead of `npm install` in a template's app (a download), link this
// checkout's node_modules entries into it. `npm ci` installed them from package-lock.json, which lists every
// package a template needs (esbuild, typescript, react, react-dom, vue, svelte), so this works offline.
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))

/** Links each entry of the checkout's node_modules (and `extra`: name -> path) into `<app>/node_modules`. */
export function linkCheckoutModules (app: string, extra: Record<string, string> = {}): void {
  const target = join(app, 'node_modules')
  mkdirSync(target, { recursive: true })
  const own = join(ROOT, 'node_modules')
  for (const name of readdirSync(own)) {
    if (!(name in extra)) symlinkSync(join(own, name), join(target, name))
  }
  for (const [name, path] of Object.entries(extra)) symlinkSync(path, join(target, name))
}
