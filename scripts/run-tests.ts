// Finds every test/**/*.test.ts (or those under the paths given) and runs them with node:test.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'

function findTests (path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : []
  return readdirSync(path).sort().flatMap((name) =>
    name === 'node_modules' || name === 'fixtures' ? [] : findTests(join(path, name)))
}

const roots = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const files = (roots.length > 0 ? roots : ['test']).flatMap(findTests)
if (files.length === 0) {
  console.error('run-tests: no test files found')
  process.exit(1)
}
const result = spawnSync(process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' })
process.exit(result.status ?? 1)
