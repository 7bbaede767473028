// Bundles every runtime-js/modules/**/*.ts into build/runtime/socket/<same path>.js (ESM, code splitting so
// each module and each bundled npm package exists once), plus a manifest the host uses to write its
// `socket:<name>` proxies, plus `.d.ts` files so editors complete `socket:` imports.
// Usage: tsx scripts/build-runtime.ts [--no-types] [--out=DIR]; or import { buildRuntime }.
import { build, type Metafile } from 'esbuild'
import { readdirSync, rmSync, mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs'
import { join, relative, dirname, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const modulesDir = join(root, 'runtime-js', 'modules')

function findModules (dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return findModules(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** `runtime-js/modules/fs/promises.ts` -> `fs/promises` (the name after `socket:`). */
function moduleName (file: string): string {
  return relative(modulesDir, file).split(sep).join('/').replace(/\.ts$/, '')
}

export interface BuildOptions { outDir?: string, types?: boolean }

/** Builds the runtime into `outDir` (default build/runtime/socket); returns the module names. */
export async function buildRuntime (options: BuildOptions = {}): Promise<string[]> {
  const outDir = options.outDir ?? join(root, 'build', 'runtime', 'socket')
  const files = findModules(modulesDir)
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: files.map((file) => ({ in: file, out: moduleName(file) })),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    chunkNames: 'chunks/[name]-[hash]',
    // Browser ports of Node core (util) read a few `process` fields at load; give them socket:process.
    inject: [join(root, 'runtime-js', 'internal', 'node-globals.ts')],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    sourcemap: false
  })
  writeManifest(result.metafile, outDir)
  // The service worker scope emulation is a classic script (workers load apps' scripts with importScripts).
  await build({
    absWorkingDir: root, entryPoints: [join(root, 'runtime-js', 'internal', 'service-worker', 'scope-main.ts')],
    outfile: join(outDir, 'service-worker', 'scope.js'), bundle: true, format: 'iife', platform: 'browser',
    target: 'es2022', logLevel: 'warning', legalComments: 'none'
  })
  if (options.types !== false && files.length > 0) emitTypes(files, outDir)
  return files.map(moduleName)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2)
  const started = performance.now()
  const outDir = args.find((a) => a.startsWith('--out='))?.slice(6)
  const types = !args.includes('--no-types')
  const names = await buildRuntime({ outDir, types })
  console.log(`build-runtime: ${names.length} modules -> ${relative(root, outDir ?? join(root, 'build', 'runtime', 'socket'))} in ${Math.round(performance.now() - started)} ms${types ? ' (with types)' : ''}`)
}

/**
 * manifest.json: for each `socket:` name, its file and whether it has a default export, so the host's proxy
 * (`export * from …` plus `export { default } from …` only when there is one) never guesses from the source.
 */
function writeManifest (metafile: Metafile, outDir: string): void {
  const modules: Record<string, { file: string, default: boolean, exports: string[] }> = {}
  for (const [output, info] of Object.entries(metafile.outputs)) {
    if (info.entryPoint === undefined || !output.endsWith('.js')) continue
    const file = relative(outDir, join(root, output)).split(sep).join('/')
    const name = file.replace(/\.js$/, '')
    modules[name] = { file, default: info.exports.includes('default'), exports: [...info.exports].sort() }
  }
  const sorted = Object.fromEntries(Object.entries(modules).sort(([a], [b]) => a.localeCompare(b)))
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify({ modules: sorted }, null, 2) + '\n')
}

/**
 * Types: tsc (declaration-only) writes types/<repo path>.d.ts for the modules and everything they import
 * (generated bindings included); then each `<name>.js` gets a `<name>.d.ts` beside it that re-exports its
 * declarations, so `"paths": { "socket:*": ["<resources>/socket/*"] }` gives editors every `socket:` module.
 * A type error is reported but does not fail the bundle (`npm run typecheck` is the gate for that).
 */
function emitTypes (files: string[], outDir: string): void {
  const typesDir = join(outDir, 'types')
  const config = {
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      strict: true, skipLibCheck: true, declaration: true, emitDeclarationOnly: true, allowImportingTsExtensions: true,
      types: [], typeRoots: [], rootDir: root, outDir: typesDir
    },
    files: [...files, join(root, 'runtime-js', 'internal', 'vendor.d.ts')]
  }
  const configPath = join(outDir, '..', 'tsconfig.types.json')
  writeFileSync(configPath, JSON.stringify(config, null, 2))
  const tsc = join(root, 'node_modules', '.bin', 'tsc')
  const run = spawnSync(tsc, ['-p', configPath], { encoding: 'utf8' })
  if (run.status !== 0) console.warn(`build-runtime: type declarations have errors:\n${run.stdout}${run.stderr}`)
  // Declarations keep the sources' `.ts` specifiers; consumers resolve `.js` to the `.d.ts` beside it.
  for (const file of findDeclarations(typesDir)) {
    const text = readFileSync(file, 'utf8')
    const fixed = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3')
    if (fixed !== text) writeFileSync(file, fixed)
  }
  // The npm ports' ambient declarations (vendor.d.ts) travel with the types, referenced by every wrapper.
  const vendor = join(typesDir, 'vendor.d.ts')
  writeFileSync(vendor, readFileSync(join(root, 'runtime-js', 'internal', 'vendor.d.ts')))
  const fromWrapper = (name: string, target: string): string => {
    const path = relative(dirname(join(outDir, name)), target).split(sep).join('/')
    return path.startsWith('.') ? path : `./${path}`
  }
  for (const file of files) {
    const name = moduleName(file)
    const target = fromWrapper(name, join(typesDir, relative(root, file)).replace(/\.ts$/, '.js'))
    const hasDefault = /export default|as default\b/.test(readFileSync(file, 'utf8'))
    writeFileSync(join(outDir, `${name}.d.ts`), `/// <reference path="${fromWrapper(name, vendor)}" />\n` +
      `export * from '${target}'\n` + (hasDefault ? `export { default } from '${target}'\n` : ''))
  }
}

function findDeclarations (dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? findDeclarations(path) : entry.name.endsWith('.d.ts') ? [path] : []
  })
}
