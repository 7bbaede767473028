// `ssc init --template=svelte`: Svelte 5 components compiled by svelte/compiler (in an esbuild plugin), with
// their <style> injected by the component.
import type { Framework } from './frameworks.ts'

const APP_SVELTE = `<script>
  import { onMount } from 'svelte'
  import { readFile } from 'socket:fs/promises'

  let count = $state(0)
  let size = $state(null)
  onMount(async () => {
    const html = await readFile('index.html', 'utf8')
    size = html.length
    console.log(\`index.html: \${html.length} characters\`)
  })
</script>

<main>
  <h1>Hello, World</h1>
  <p id="size">{size === null ? '' : \`index.html is \${size} characters\`}</p>
  <button id="count" onclick={() => count++}>count is {count}</button>
</main>
`

const MAIN_JS = `import { mount } from 'svelte'
import App from './App.svelte'

mount(App, { target: document.getElementById('app') })
`

const IMPORTS = `import { readFile } from 'node:fs/promises'
import { compile } from 'svelte/compiler'

// .svelte files: compiled to JavaScript, warnings and errors reported at their file:line.
const svelte = {
  name: 'svelte',
  setup (build) {
    build.onLoad({ filter: /\\.svelte$/ }, async ({ path }) => {
      const at = (item) => item.start ? { file: path, line: item.start.line, column: item.start.column } : null
      try {
        const { js, warnings } = compile(await readFile(path, 'utf8'), { filename: path, css: 'injected', dev: debug })
        return { contents: js.code, loader: 'js', warnings: warnings.map((w) => ({ text: w.message, location: at(w) })) }
      } catch (error) {
        return { errors: [{ text: error.message, location: at(error) }] }
      }
    })
  }
}
`

export const SVELTE: Framework = {
  entry: 'src/main.js',
  packages: { svelte: '^5.57.3' },
  buildImports: IMPORTS,
  buildOptions: "  conditions: debug ? ['development'] : ['production'],\n  plugins: [svelte]",
  sources: { 'src/main.js': MAIN_JS, 'src/App.svelte': APP_SVELTE }
}
