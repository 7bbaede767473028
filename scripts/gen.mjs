// `npm run gen`: runs the generator as one esbuild bundle under plain node (no TypeScript loader to start),
// rebuilding build/generator/gen.mjs first whenever a file under generator/ (or the lockfile) is newer than it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sources = join(root, 'generator')
const bundle = join(root, 'build', 'generator', 'gen.mjs')
const stamp = `${bundle}.stamp`

function newest (path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

// The bundle is fresh when it was built from this generator/ folder after its newest change.
function fresh () {
  if (!existsSync(bundle) || !existsSync(stamp)) return false
  const built = JSON.parse(readFileSync(stamp, 'utf8'))
  return built.sources === sources && built.newest === Math.max(newest(sources), newest(join(root, 'package-lock.json')))
}

// Every backend's templates, compiled now with the options generator/render.ts uses, by folder and name.
async function precompiledTemplates () {
  const { default: Handlebars } = await import('handlebars')
  const out = {}
  for (const backend of readdirSync(join(sources, 'backends'))) {
    const dir = join(sources, 'backends', backend, 'templates')
    if (!existsSync(dir)) continue
    const templates = {}
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.hbs')).sort()) {
      templates[file.slice(0, -'.hbs'.length)] = Handlebars.precompile(readFileSync(join(dir, file), 'utf8'), { noEscape: true })
    }
    out[join('backends', backend, 'templates')] = templates
  }
  return out
}

async function build () {
  const { build } = await import('esbuild')
  const newestSource = Math.max(newest(sources), newest(join(root, 'package-lock.json')))
  mkdirSync(dirname(bundle), { recursive: true })
  const partial = `${bundle}.${process.pid}.tmp`
  await build({
    entryPoints: [join(sources, 'cli.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // webidl2 and handlebars go into the bundle too: one file to load, no module resolution at start-up. Their
    // CommonJS code may call require() for Node built-ins, which an ES module has no binding for.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    define: { __GENERATOR_DIR__: JSON.stringify(sources), __PRECOMPILED_TEMPLATES__: JSON.stringify(await precompiledTemplates()) },
    logLevel: 'error'
  })
  renameSync(partial, bundle)  // concurrent runs never import half a file
  writeFileSync(stamp, JSON.stringify({ sources, newest: newestSource }))
}

if (!fresh()) await build()
const { runGenerator } = await import(pathToFileURL(bundle).href)
process.exitCode = runGenerator(process.argv.slice(2))
