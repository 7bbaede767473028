// socket:module — Node's `module`: `createRequire`, `Module` (cache, `_resolveFilename`, `_load`, `wrap`),
// `builtinModules`, `isBuiltin`. Files are read from the app's origin with blocking requests and run as
// CommonJS (JSON files are parsed); node_modules lookups follow Node's algorithm (internal/commonjs).
import { builtinExports, builtinModules, findBuiltin } from '../internal/commonjs/builtins.ts'
import { nodeModulePaths, resolveFile, ModuleNotFoundError, PackagePathNotExportedError } from '../internal/commonjs/resolve.ts'
import { readText } from '../internal/commonjs/fetch-sync.ts'
import { compileModule } from '../internal/commonjs/evaluate.ts'

export interface RequireFunction {
  (request: string): any
  resolve: ((request: string) => string) & { paths: (request: string) => string[] | null }
  cache: Record<string, Module>
  main: Module | undefined
}

// location.origin is 'null' for some custom schemes; the root URL of location.href is always usable.
function origin (): string { return new URL('/', globalThis.location?.href ?? 'socket://localhost/').href }

/** A file URL on the app's origin for a path, URL or `file:` URL (Node's createRequire accepts all). */
function toUrl (filename: string | URL): string {
  const text = String(filename)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const url = new URL(text)
    return url.protocol === 'file:' ? new URL(url.pathname, origin()).href : url.href
  }
  if (!text.startsWith('/')) throw Object.assign(new TypeError(`The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${JSON.stringify(text)}`), { code: 'ERR_INVALID_ARG_VALUE' })
  return new URL(text, origin()).href
}

const pathOf = (url: string): string => decodeURIComponent(new URL(url).pathname)

export class Module {
  static _cache: Record<string, Module> = Object.create(null)
  static builtinModules = builtinModules
  static wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});']
  static wrap (source: string): string { return Module.wrapper[0] + source + Module.wrapper[1] }
  static isBuiltin (request: string): boolean { return isBuiltin(request) }
  static createRequire (filename: string | URL): RequireFunction { return createRequire(filename) }
  static Module = Module

  /** Resolves `request` from `parent` to a path on the app's origin ('/node_modules/x/index.js') or a builtin name. */
  static _resolveFilename (request: string, parent?: Module): string {
    validateId(request)
    if (findBuiltin(request) !== undefined) return request
    if (request.startsWith('node:') || request.startsWith('socket:')) throw Object.assign(new Error(`No such built-in module: ${request}`), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' })
    return pathOf(resolveFile(request, parent?.url ?? new URL('/', origin()).href, requireStack(parent)))
  }

  static _load (request: string, parent?: Module): unknown {
    const builtin = findBuiltin(request)
    if (builtin !== undefined) return builtinExports(builtin)
    const filename = Module._resolveFilename(request, parent)
    const cached = Module._cache[filename]
    if (cached !== undefined) {
      parent?.children.push(cached)
      return cached.exports
    }
    const module = new Module(filename, parent)
    Module._cache[filename] = module
    let threw = true
    try {
      module.load(filename)
      threw = false
    } finally {
      if (threw) delete Module._cache[filename]
    }
    return module.exports
  }

  id: string
  filename: string
  path: string
  exports: any = {}
  loaded = false
  parent: Module | null | undefined
  children: Module[] = []
  paths: string[]
  readonly url: string

  constructor (id = '', parent?: Module | null) {
    this.id = id
    this.filename = id
    this.url = new URL(id === '' ? '/' : id, origin()).href
    this.path = pathOf(new URL('.', this.url).href).replace(/(.)\/$/, '$1')
    this.parent = parent
    this.paths = nodeModulePaths(new URL('.', this.url).href).map(pathOf).map((p) => p.replace(/\/$/, ''))
    parent?.children.push(this)
  }

  require (request: string): any {
    validateId(request)
    return Module._load(request, this)
  }

  /** Reads and runs the file: `.json` is parsed, anything else runs as CommonJS. */
  load (filename: string): void {
    const url = new URL(filename, origin()).href
    const source = readText(url)
    if (source === null) throw new ModuleNotFoundError(filename, requireStack(this.parent ?? undefined))
    if (filename.endsWith('.json')) {
      try {
        this.exports = JSON.parse(source)
      } catch (error) {
        (error as Error).message = `${filename}: ${(error as Error).message}`
        throw error
      }
    } else {
      this._compile(source, filename)
    }
    this.loaded = true
  }

  _compile (source: string, filename: string): void {
    const fn = compileModule(source, new URL(filename, origin()).href)
    const require = makeRequire(this)
    fn.call(this.exports, this.exports, require, this, filename, this.path)
  }
}

function validateId (request: unknown): asserts request is string {
  if (typeof request !== 'string') throw Object.assign(new TypeError(`The "id" argument must be of type string. Received ${typeof request}`), { code: 'ERR_INVALID_ARG_TYPE' })
  if (request === '') throw Object.assign(new TypeError("The argument 'id' must be a non-empty string. Received ''"), { code: 'ERR_INVALID_ARG_VALUE' })
}

function requireStack (module: Module | undefined): string[] {
  const stack: string[] = []
  for (let m: Module | null | undefined = module; m != null && m.filename !== ''; m = m.parent) stack.push(m.filename)
  return stack
}

function makeRequire (module: Module): RequireFunction {
  const require = ((request: string) => module.require(request)) as RequireFunction
  const resolve = ((request: string) => Module._resolveFilename(request, module)) as RequireFunction['resolve']
  resolve.paths = (request: string) => (findBuiltin(request) !== undefined ? null : module.paths)
  require.resolve = resolve
  require.cache = Module._cache
  require.main = mainModule
  return require
}

let mainModule: Module | undefined

/** A require() that resolves relative to `filename` (an absolute path on the app's origin or a URL). */
export function createRequire (filename: string | URL): RequireFunction {
  const url = toUrl(filename)
  const anchor = new Module(pathOf(url), null)
  anchor.filename = pathOf(url)
  mainModule ??= anchor
  return makeRequire(anchor)
}

export function isBuiltin (request: string): boolean {
  return findBuiltin(request) !== undefined
}

export { builtinModules, ModuleNotFoundError, PackagePathNotExportedError }
export default Module
