// Node's CommonJS resolution over URLs on the app's origin: relative and absolute paths (X, X.js, X.json,
// X/package.json "main", X/index.js, X/index.json) and bare names looked up in every node_modules folder
// from the requiring file's directory up to the origin root, honouring package.json "exports" (strings,
// subpaths, "./*" patterns and the "require"/"browser"/"default" conditions).
import { readText } from './fetch-sync.ts'

export class ModuleNotFoundError extends Error {
  readonly code = 'MODULE_NOT_FOUND'
  requireStack: string[]
  constructor (request: string, requireStack: string[]) {
    super(`Cannot find module '${request}'` + (requireStack.length > 0 ? `\nRequire stack:\n- ${requireStack.join('\n- ')}` : ''))
    this.name = 'Error'
    this.requireStack = requireStack
  }
}

export class PackagePathNotExportedError extends Error {
  readonly code = 'ERR_PACKAGE_PATH_NOT_EXPORTED'
  constructor (subpath: string, packageJson: string) {
    super(subpath === '.'
      ? `No "exports" main defined in ${packageJson}`
      : `Package subpath '${subpath}' is not defined by "exports" in ${packageJson}`)
    this.name = 'Error'
  }
}

const CONDITIONS = ['require', 'browser', 'default']

interface PackageJson { main?: string, exports?: unknown, name?: string }

const packageCache = new Map<string, PackageJson | null>()

function readPackageJson (dirUrl: string): PackageJson | null {
  if (packageCache.has(dirUrl)) return packageCache.get(dirUrl) ?? null
  const text = readText(new URL('package.json', dirUrl).href)
  let parsed: PackageJson | null = null
  if (text !== null) {
    try { parsed = JSON.parse(text) } catch { parsed = null }
  }
  packageCache.set(dirUrl, parsed)
  return parsed
}

function isFile (url: string): boolean {
  return !url.endsWith('/') && readText(url) !== null
}

function asFile (url: string): string | null {
  for (const candidate of [url, url + '.js', url + '.json', url + '.cjs']) if (isFile(candidate)) return candidate
  return null
}

function asDirectory (url: string): string | null {
  const dir = url.endsWith('/') ? url : url + '/'
  const pkg = readPackageJson(dir)
  if (typeof pkg?.main === 'string') {
    const main = new URL(pkg.main, dir).href
    const found = asFile(main) ?? asIndex(main)
    if (found !== null) return found
  }
  return asIndex(dir)
}

function asIndex (url: string): string | null {
  const dir = url.endsWith('/') ? url : url + '/'
  for (const name of ['index.js', 'index.json', 'index.cjs']) if (isFile(dir + name)) return dir + name
  return null
}

/** The target of `exports` for one subpath ('.' or './x'), or undefined when it exports none. */
function exportTarget (exports: unknown, subpath: string): string | undefined {
  const conditional = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value
    if (Array.isArray(value)) {
      for (const item of value) { const found = conditional(item); if (found !== undefined) return found }
      return undefined
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (CONDITIONS.includes(key)) { const found = conditional(item); if (found !== undefined) return found }
      }
    }
    return undefined
  }
  const isSubpathMap = exports !== null && typeof exports === 'object' && !Array.isArray(exports) &&
    Object.keys(exports).some((key) => key.startsWith('.'))
  if (!isSubpathMap) return subpath === '.' ? conditional(exports) : undefined
  const map = exports as Record<string, unknown>
  if (subpath in map && !subpath.includes('*')) return conditional(map[subpath])
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*')
    if (star < 0) continue
    const prefix = key.slice(0, star)
    const suffix = key.slice(star + 1)
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length) {
      const match = subpath.slice(prefix.length, subpath.length - suffix.length)
      return conditional(value)?.replaceAll('*', match)
    }
  }
  return undefined
}

function splitBareName (request: string): [string, string] {
  const parts = request.split('/')
  const nameLength = request.startsWith('@') ? 2 : 1
  const rest = parts.slice(nameLength).join('/')
  return [parts.slice(0, nameLength).join('/'), rest === '' ? '.' : './' + rest]
}

/** Every node_modules folder from `dirUrl` up to the origin root, nearest first (Node's module.paths). */
export function nodeModulePaths (dirUrl: string): string[] {
  const url = new URL(dirUrl)
  const segments = url.pathname.split('/').filter((s) => s !== '')
  const paths: string[] = []
  for (let i = segments.length; i >= 0; i--) {
    if (segments[i - 1] === 'node_modules') continue
    paths.push(new URL('/' + [...segments.slice(0, i), 'node_modules'].join('/') + '/', new URL('/', url).href).href)
  }
  return paths
}

/** Resolves a non-builtin request from the module at `parentUrl` to a file URL, or throws Node's errors. */
export function resolveFile (request: string, parentUrl: string, requireStack: string[]): string {
  const dirUrl = new URL('.', parentUrl).href
  if (request.startsWith('./') || request.startsWith('../') || request.startsWith('/') || request === '.' || request === '..') {
    const target = new URL(request, dirUrl).href
    const found = (request.endsWith('/') ? null : asFile(target)) ?? asDirectory(target)
    if (found !== null) return found
    throw new ModuleNotFoundError(request, requireStack)
  }
  const [name, subpath] = splitBareName(request)
  for (const modulesDir of nodeModulePaths(dirUrl)) {
    const packageDir = new URL(name + '/', modulesDir).href
    const pkg = readPackageJson(packageDir)
    if (pkg !== null && pkg.exports !== undefined) {
      const target = exportTarget(pkg.exports, subpath)
      if (target === undefined) throw new PackagePathNotExportedError(subpath, new URL('package.json', packageDir).pathname)
      const url = new URL(target, packageDir).href
      if (isFile(url)) return url
      throw new ModuleNotFoundError(url.slice(new URL(url).origin.length), requireStack)
    }
    const target = new URL(subpath, packageDir).href
    const found = (subpath === '.' ? null : asFile(target)) ?? asDirectory(target)
    if (found !== null) return found
  }
  throw new ModuleNotFoundError(request, requireStack)
}

/** Forgets cached package.json reads (after the app changes files). */
export function clearResolveCache (): void { packageCache.clear() }
