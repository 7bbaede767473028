// `ssc init --template=react|vue|svelte`: what the three framework templates share. Each app keeps its static
// files in public/ (copied as they are) and its components in src/, compiled and bundled by build.mjs (esbuild,
// with the framework's own compiler as an esbuild plugin where it has one), which `[build] script` runs.
import { bundledIni, INDEX_CSS, type InitNames } from './templates.ts'

export interface Framework {
  /** The entry esbuild bundles (src/main.*). */
  entry: string
  /** The framework's npm packages (devDependencies of the app, same ranges as this repo's package.json). */
  packages: Record<string, string>
  /** build.mjs: imports and the plugin (or JSX options) the framework needs. */
  buildImports: string
  buildOptions: string
  /** More esbuild `define` entries, as source text. */
  defines?: string
  /** The app's own sources: path -> text. */
  sources: Record<string, string>
}

/** The esbuild this repo builds with; the app's build.mjs uses the same. */
export const ESBUILD_RANGE = '^0.28.2'

export function frameworkIni (names: InitNames, framework: string): string {
  return bundledIni(names, `compile and bundle src/ with ${framework}'s compiler and esbuild to $SSC_RESOURCES_DIR/index.js (build.mjs)`)
}

export function frameworkPackageJson (names: InitNames, framework: Framework, runtimeSpec: string): string {
  return JSON.stringify({
    name: names.name.toLowerCase(),
    version: '1.0.0',
    private: true,
    type: 'module',
    scripts: {
      build: 'node build.mjs',
      start: 'ssc build -r .',
      test: 'ssc build -r --headless --test=test/index.js .'
    },
    devDependencies: { esbuild: ESBUILD_RANGE, ...framework.packages, 'socket-runtime-ts': runtimeSpec }
  }, null, 2) + '\n'
}

export function buildScript (framework: Framework): string {
  return `// Run by \`[build] script\` (npm run build): bundles ${framework.entry} and what it imports into
// $SSC_RESOURCES_DIR/index.js. socket: modules stay imports (the runtime serves them). A debug build
// (SSC_DEBUG=1) keeps the framework's development checks and a source map; a release build is minified.
import { build } from 'esbuild'
${framework.buildImports}
const debug = process.env.SSC_DEBUG === '1'
const outdir = process.env.SSC_RESOURCES_DIR ?? 'build/dev'

await build({
  entryPoints: ['${framework.entry}'],
  outfile: \`\${outdir}/index.js\`,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  external: ['socket:*'],
  define: { 'process.env.NODE_ENV': JSON.stringify(debug ? 'development' : 'production')${framework.defines !== undefined ? `, ${framework.defines}` : ''} },
  minify: !debug,
  sourcemap: debug,
  logLevel: 'warning',
${framework.buildOptions}
})
`
}

export const FRAMEWORK_INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="./index.css" />
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="./index.js"></script>
  </body>
</html>
`

export const FRAMEWORK_INDEX_CSS = `${INDEX_CSS}
button {
  font: inherit;
  padding: 0.4em 1em;
}
`

/** The same test for every framework: the component rendered, reacts to a click, and read a file with socket:fs. */
export function frameworkTest (framework: string): string {
  return `// Run with: ssc build -r --headless --test=test/index.js . (or npm test)
import { test } from 'socket:test'

test('the ${framework} app rendered its heading', async (t) => {
  const h1 = await t.waitForText('h1', 'Hello, World')
  t.equal(t.getComputedStyle(h1).textTransform, 'uppercase', 'index.css is applied')
})

test('a click updates the ${framework} component', async (t) => {
  await t.waitForText('#count', 'count is 0')
  t.click('#count')
  const button = await t.waitForText('#count', 'count is 1')
  t.equal(button.textContent, 'count is 1', 'the state changed and the view followed')
})

test('the ${framework} component read index.html with socket:fs/promises', async (t) => {
  const size = await t.waitForText('#size', 'characters')
  t.ok(/index\\.html is \\d+ characters/.test(size.textContent), 'the paragraph says how long index.html is')
})
`
}
