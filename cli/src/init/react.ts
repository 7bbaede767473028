// `ssc init --template=react`: React with react-dom/client, JSX compiled by esbuild (the automatic runtime).
import type { Framework } from './frameworks.ts'

const APP_JSX = `import { useEffect, useState } from 'react'
import { readFile } from 'socket:fs/promises'

export function App () {
  const [count, setCount] = useState(0)
  const [size, setSize] = useState(null)
  useEffect(() => {
    readFile('index.html', 'utf8').then((html) => {
      setSize(html.length)
      console.log(\`index.html: \${html.length} characters\`)
    })
  }, [])
  return (
    <main>
      <h1>Hello, World</h1>
      <p id="size">{size === null ? '' : \`index.html is \${size} characters\`}</p>
      <button id="count" onClick={() => setCount(count + 1)}>count is {count}</button>
    </main>
  )
}
`

const MAIN_JSX = `import { createRoot } from 'react-dom/client'
import { App } from './App.jsx'

createRoot(document.getElementById('app')).render(<App />)
`

export const REACT: Framework = {
  entry: 'src/main.jsx',
  packages: { react: '^19.3.1', 'react-dom': '^19.3.1' },
  buildImports: '',
  buildOptions: "  jsx: 'automatic'",
  sources: { 'src/main.jsx': MAIN_JSX, 'src/App.jsx': APP_JSX }
}
