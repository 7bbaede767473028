// POSIX path semantics come from path-browserify (a port of Node's path.posix); this only adds the
// cross-links (`posix.win32`, `posix.posix`) that Node has and the port leaves null.
import port from 'path-browserify'
import * as win32Functions from './win32.ts'

type PathApi = Omit<typeof port, 'posix' | 'win32' | 'matchesGlob'> & { posix: PathApi, win32: PathApi }

function makeApi (functions: Omit<PathApi, 'posix' | 'win32'>): PathApi {
  return { ...functions } as PathApi
}

/** Node's ERR_INVALID_ARG_TYPE check, which the port does without the code. */
function strings<F extends (...args: any[]) => any> (fn: F, names: string[]): F {
  return ((...args: unknown[]) => {
    args.forEach((arg, i) => {
      if (typeof arg !== 'string' && (i < names.length || names.length === 0) && !(names[i]?.endsWith('?') && arg === undefined)) {
        const name = names[i]?.replace('?', '') ?? `paths[${i}]`
        const error = new TypeError(`The "${name}" argument must be of type string. Received ${arg === null ? 'null' : typeof arg}`)
        throw Object.assign(error, { code: 'ERR_INVALID_ARG_TYPE' })
      }
    })
    return fn(...args)
  }) as F
}

export const posix = makeApi({
  sep: '/',
  delimiter: ':',
  resolve: strings(port.resolve, []),
  normalize: strings(port.normalize, ['path']),
  isAbsolute: strings(port.isAbsolute, ['path']),
  join: strings(port.join, []),
  relative: strings(port.relative, ['from', 'to']),
  toNamespacedPath: (path: string) => path,
  dirname: strings(port.dirname, ['path']),
  basename: strings(port.basename, ['path', 'suffix?']),
  extname: strings(port.extname, ['path']),
  // Node (since 20) adds the dot to an `ext` given without one; the port predates that.
  format: (object) => port.format(object?.ext && object.ext[0] !== '.' ? { ...object, ext: `.${object.ext}` } : object),
  parse: strings(port.parse, ['path'])
})
export const win32 = makeApi(win32Functions as unknown as Omit<PathApi, 'posix' | 'win32'>)
for (const api of [posix, win32]) {
  api.posix = posix
  api.win32 = win32
}
