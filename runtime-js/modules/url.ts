// socket:url — WHATWG URL from the webview, and Node's legacy url.parse/format/resolve from the `url` npm
// package (a port of Node's lib/url.js), plus the file-URL helpers (POSIX paths: the host is Linux).
import port from 'url/url.js'
import { unsupportedClass } from '../internal/unsupported.ts'
import { pathToFileURL as toFileURL } from '../internal/path/file-url.ts'

export const { parse, format, resolve, resolveObject, Url } = port
export const URL = globalThis.URL
export const URLSearchParams = globalThis.URLSearchParams
/** The engine's URLPattern (WebKitGTK has it); where the engine lacks one, constructing it throws NotSupportedError. */
export const URLPattern: typeof globalThis.URLPattern = (globalThis as { URLPattern?: typeof globalThis.URLPattern }).URLPattern ??
  unsupportedClass('url.URLPattern', 'this engine has no URLPattern') as unknown as typeof globalThis.URLPattern

function invalidFileUrl (message: string, code: string): TypeError {
  return Object.assign(new TypeError(message), { code })
}

/** `file:///a/b%20c` -> `/a/b c`; throws like Node for other schemes, hosts and encoded slashes. */
export function fileURLToPath (url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url
  if (!(parsed instanceof URL)) {
    throw Object.assign(new TypeError('The "path" argument must be of type string or an instance of URL'), { code: 'ERR_INVALID_ARG_TYPE' })
  }
  if (parsed.protocol !== 'file:') throw invalidFileUrl('The URL must be of scheme file', 'ERR_INVALID_URL_SCHEME')
  if (parsed.hostname !== '') throw invalidFileUrl('File URL host must be "localhost" or empty on linux', 'ERR_INVALID_FILE_URL_HOST')
  if (/%2f/i.test(parsed.pathname)) throw invalidFileUrl('File URL path must not include encoded / characters', 'ERR_INVALID_FILE_URL_PATH')
  return decodeURIComponent(parsed.pathname)
}

/** `/a/b c` -> `file:///a/b%20c`; a relative path resolves against process.cwd(), as in Node. */
export function pathToFileURL (path: string): URL {
  if (typeof path !== 'string') throw Object.assign(new TypeError('The "path" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' })
  return toFileURL(path)
}

export default { parse, format, resolve, resolveObject, Url, URL, URLSearchParams, URLPattern, fileURLToPath, pathToFileURL }
