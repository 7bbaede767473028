// The whole generation as a pure function: IDL sources in, a sorted map of output files out. The CLI, the
// tests and the benchmark all call this, so they all see the same bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { buildModel } from './build-model.ts'
import type { SourceFile } from './errors.ts'
import type { Api } from './model.ts'
import type { Backend, Files } from './backends/types.ts'
import { tsBackend } from './backends/ts/index.ts'
import { cppBackend } from './backends/cpp/index.ts'
import { kotlinBackend } from './backends/kotlin/index.ts'
import { swiftBackend } from './backends/swift/index.ts'
import { docsBackend } from './backends/docs/index.ts'

export const BACKENDS: Backend[] = [tsBackend, cppBackend, kotlinBackend, swiftBackend, docsBackend]

// Every path the generator owns: --check reports files here that it would not write as stale too.
export const OUTPUT_ROOTS = ['generated', 'docs/api']

// Every .idl file in `dir` (sorted, so output order never depends on the file system), or just `dir` when it
// is itself a file.
export function readIdl (dir: string, cwd: string = process.cwd()): SourceFile[] {
  const paths = statSync(dir).isFile()
    ? [dir]
    : readdirSync(dir).filter((name) => name.endsWith('.idl')).sort().map((name) => join(dir, name))
  return paths.map((path) => ({ path: relative(cwd, path) || path, text: readFileSync(path, 'utf8') }))
}

export function generate (files: SourceFile[], backends: Backend[] = BACKENDS): { api: Api, outputs: Files } {
  const api = buildModel(files)
  const outputs: Files = new Map()
  for (const backend of backends) {
    for (const [path, content] of backend.generate(api)) {
      if (outputs.has(path)) throw new Error(`two backends write ${path}`)
      outputs.set(path, content)
    }
  }
  return { api, outputs: new Map([...outputs].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) }
}
