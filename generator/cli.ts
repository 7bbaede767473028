// `npm run gen` writes generated/ and docs/api/ from idl/; `npm run gen -- --check` writes nothing and exits 1
// naming every stale, missing or extra file. IDL errors print with their location and exit 2.
// `runGenerator` is the whole command as a function, so tests can run it without a new process.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { EXIT_IDL_ERROR, EXIT_OK, EXIT_STALE, EXIT_USAGE, IdlErrors } from './errors.ts'
import { generate, OUTPUT_ROOTS, readIdl } from './pipeline.ts'

const USAGE = `usage: npm run gen [-- --check] [--idl <dir>] [--out <dir>]
  --check      write nothing; exit 1 and name each file that is stale, missing or not generated
  --idl <dir>  read .idl files from <dir>, or the one file <dir> (default: idl)
  --out <dir>  repository root to write under (default: .)`

function listFiles (root: string): string[] {
  if (!existsSync(root)) return []
  if (statSync(root).isFile()) return [root]
  return readdirSync(root).flatMap((name) => listFiles(join(root, name)))
}

export interface Io {
  out (line: string): void
  err (line: string): void
}

const consoleIo: Io = { out: (line) => console.log(line), err: (line) => console.error(line) }

export function runGenerator (argv: string[], io: Io = consoleIo): number {
  const console = { log: io.out, error: io.err }
  let check = false
  let idlDir = 'idl'
  let outDir = '.'
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--check') check = true
    else if (arg === '--idl' && argv[i + 1]) idlDir = argv[++i]
    else if (arg === '--out' && argv[i + 1]) outDir = argv[++i]
    else if (arg === '--help' || arg === '-h') { console.log(USAGE); return EXIT_OK }
    else { console.error(`gen: unknown argument '${arg}'\n${USAGE}`); return EXIT_USAGE }
  }
  if (!existsSync(idlDir)) { console.error(`gen: no IDL directory at ${idlDir}`); return EXIT_USAGE }

  let outputs: Map<string, string>
  try {
    outputs = generate(readIdl(idlDir)).outputs
  } catch (error) {
    if (error instanceof IdlErrors) {
      console.error(error.message)
      console.error(`\ngen: ${error.errors.length} error${error.errors.length === 1 ? '' : 's'} in the IDL; nothing was written`)
      return EXIT_IDL_ERROR
    }
    throw error
  }

  const root = resolve(outDir)
  const existing = OUTPUT_ROOTS.flatMap((dir) => listFiles(join(root, dir))).map((file) => relative(root, file))
  const extra = existing.filter((file) => !outputs.has(file)).sort()
  const changed = [...outputs].filter(([path, content]) => {
    const target = join(root, path)
    return !existsSync(target) || readFileSync(target, 'utf8') !== content
  }).map(([path]) => path)

  if (check) {
    if (changed.length === 0 && extra.length === 0) return EXIT_OK
    for (const path of changed) console.error(`stale: ${path}${existsSync(join(root, path)) ? '' : ' (missing)'}`)
    for (const path of extra) console.error(`stale: ${path} (not generated from idl/; delete it)`)
    console.error(`gen --check: ${changed.length + extra.length} generated file(s) do not match idl/; run \`npm run gen\``)
    return EXIT_STALE
  }
  for (const path of changed) {
    const target = join(root, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, outputs.get(path)!)
  }
  for (const path of extra) rmSync(join(root, path))
  console.log(`gen: ${outputs.size} files from ${idlDir} (${changed.length} written, ${extra.length} removed)`)
  return EXIT_OK
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runGenerator(process.argv.slice(2))
}
