// `ssc init --template=typescript`: the seed app in strict TypeScript, type-checked with tsc and bundled with
// esbuild by `[build] script` (npm run build); `socket:` imports stay external (the host serves them) and are
// typed by `socket-runtime-ts/types`.
import { bundledIni, type InitNames } from './templates.ts'

export function typescriptIni (names: InitNames): string {
  return bundledIni(names, 'type-check, then bundle src/index.ts to $SSC_RESOURCES_DIR/index.js (package.json "build")')
}

export function typescriptPackageJson (names: InitNames, runtimeSpec: string): string {
  return JSON.stringify({
    name: names.name.toLowerCase(),
    version: '1.0.0',
    private: true,
    type: 'module',
    scripts: {
      build: 'tsc --noEmit && esbuild src/index.ts --bundle --format=esm --target=es2022 --external:socket:* --external:node:* --log-level=warning --outfile="${SSC_RESOURCES_DIR:-build/dev}/index.js"',
      typecheck: 'tsc --noEmit',
      start: 'ssc build -r .',
      test: 'ssc build -r --headless --test=test/index.js .'
    },
    devDependencies: { esbuild: '^0.28.2', typescript: '^7.0.2', 'socket-runtime-ts': runtimeSpec }
  }, null, 2) + '\n'
}

export const TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom', 'dom.iterable'],
    // The socket: modules; the runtime's declarations need neither @types/node nor skipLibCheck.
    types: ['socket-runtime-ts/types'],
    noEmit: true
  },
  include: ['src']
}, null, 2) + '\n'

export const INDEX_HTML_TS = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="./index.css" />
  </head>
  <body>
    <h1>Hello, World</h1>
    <p id="size"></p>
    <script type="module" src="./index.js"></script>
  </body>
</html>
`

export const INDEX_TS = `import { readFile } from 'socket:fs/promises'

const html: string = await readFile('index.html', 'utf8')
const size = document.querySelector<HTMLParagraphElement>('#size')
if (size !== null) size.textContent = \`index.html is \${html.length} characters\`
console.log(\`index.html: \${html.length} characters\`)
`

export const TEST_JS_TS = `// Run with: ssc build -r --headless --test=test/index.js (or npm test)
import { test } from 'socket:test'

test('the TypeScript bundle ran and read index.html', async (t) => {
  const size = await t.waitForText('#size', 'characters')
  t.ok(/index\\.html is \\d+ characters/.test(size.textContent), 'the paragraph says how long index.html is')
})
`
