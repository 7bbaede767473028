// The files `ssc init` writes: the seed app of the original's docs (an h1, a stylesheet, and index.js reading
// index.html with socket:fs/promises), plus a test for `ssc build -r --headless --test=test/index.js`.

export interface InitNames {
  /** `[build] name`: letters, digits, `_`, `-`. */
  name: string
  /** `[meta] bundle_identifier`. */
  bundleId: string
  /** `[meta] title`. */
  title: string
}

export function socketIni ({ name, bundleId, title }: InitNames): string {
  return `; socket.ini: the app's configuration. Every key is described in docs/config.md.

[build]
; the executable's name: letters, digits, "_" and "-"
name = "${name}"
; files served at socket://<bundle_identifier>/ (a directory's contents land at the root)
copy = "src"
; a command run before copying, e.g. a bundler; $SSC_RESOURCES_DIR is the output directory
; script = "npm run build"
output = "build"

[meta]
bundle_identifier = "${bundleId}"
title = "${title}"
version = 1.0.0
description = "${title}, a Socket Runtime app"

[window]
width = 80%
height = 80%

[linux]
categories = "Utility"
; a backend sub-process, speaking newline-delimited ipc:// lines on stdin/stdout
; cmd = "node backend/index.js"
`
}

/** socket.ini of an app with a build step: public/ is copied, `npm run build` writes the bundle; both are watched. */
export function bundledIni (names: InitNames, what: string): string {
  return socketIni(names)
    .replace('copy = "src"', 'copy = "public"')
    .replace('; a command run before copying, e.g. a bundler; $SSC_RESOURCES_DIR is the output directory\n; script = "npm run build"',
      `; ${what}\nscript = "npm run --silent build"`) +
    '\n[build.watch]\nsources[] = src\nsources[] = public\n'
}

export const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="./index.css" />
  </head>
  <body>
    <h1>Hello, World</h1>
    <script type="module" src="./index.js"></script>
  </body>
</html>
`

export const INDEX_CSS = `h1 {
  text-transform: uppercase;
}
`

// As in the original's "Anatomy of a Socket App": read a file of the app's own with socket:fs/promises.
export const INDEX_JS = `import fs from 'socket:fs/promises'

window.addEventListener('DOMContentLoaded', async () => {
  const html = await fs.readFile('index.html', 'utf8')
  console.log(\`index.html: \${html.length} characters\`)
})
`

export const TEST_JS = `// Run with: ssc build -r --headless --test=test/index.js
import { test } from 'socket:test'
import fs from 'socket:fs/promises'

test('the page shows its heading', async (t) => {
  const h1 = await t.waitFor('h1')
  t.equal(h1.textContent, 'Hello, World', 'the h1 says hello')
  t.equal(t.getComputedStyle(h1).textTransform, 'uppercase', 'index.css is applied')
})

test('the app reads its own index.html with socket:fs/promises', async (t) => {
  const html = String(await fs.readFile('index.html'))
  t.ok(html.includes('<h1>Hello, World</h1>'), 'index.html holds the heading')
})
`

export const GITIGNORE = `build/
node_modules/
`
