// `ssc init --template=vue`: Vue 3 single-file components compiled by vue/compiler-sfc (in an esbuild plugin),
// ahead of time: the page's CSP refuses eval, so Vue's in-browser template compiler could not run.
import type { Framework } from './frameworks.ts'

const APP_VUE = `<script setup>
import { onMounted, ref } from 'vue'
import { readFile } from 'socket:fs/promises'

const count = ref(0)
const size = ref(null)
onMounted(async () => {
  const html = await readFile('index.html', 'utf8')
  size.value = html.length
  console.log(\`index.html: \${html.length} characters\`)
})
</script>

<template>
  <main>
    <h1>Hello, World</h1>
    <p id="size">{{ size === null ? '' : \`index.html is \${size} characters\` }}</p>
    <button id="count" @click="count++">count is {{ count }}</button>
  </main>
</template>
`

const MAIN_JS = `import { createApp } from 'vue'
import App from './App.vue'

createApp(App).mount('#app')
`

const IMPORTS = `import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { compileScript, parse } from 'vue/compiler-sfc'

// .vue files: <script setup> with its <template> compiled inline into a render function.
const vue = {
  name: 'vue',
  setup (build) {
    build.onLoad({ filter: /\\.vue$/ }, async ({ path }) => {
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path })
      if (errors.length > 0) return { errors: errors.map((error) => ({ text: String(error.message ?? error), location: error.loc ? { file: path, line: error.loc.start.line, column: error.loc.start.column - 1 } : null })) }
      const id = createHash('sha256').update(path).digest('hex').slice(0, 8)
      const script = compileScript(descriptor, { id, inlineTemplate: true, sourceMap: false })
      return { contents: script.content, loader: 'js' }
    })
  }
}
`

export const VUE: Framework = {
  entry: 'src/main.js',
  packages: { vue: '^3.5.46' },
  buildImports: IMPORTS,
  // The esm-bundler build's compile-time flags (esbuild's define).
  defines: "__VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false'",
  buildOptions: '  plugins: [vue]',
  sources: { 'src/main.js': MAIN_JS, 'src/App.vue': APP_VUE }
}
