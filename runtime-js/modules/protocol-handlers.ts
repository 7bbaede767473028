// socket:protocol-handlers — the `[webview] protocol-handlers` config (`[webview.protocol-handlers]
// <scheme> = <service worker path>`, or a space-separated list of schemes). The original served such
// schemes from service workers; WebKitGTK 4.1 has none on the app's origin (see socket:service-worker),
// so `getHandlers()` reports the configured table and registering a handler throws NotSupportedError.
import { runtimeArgs } from '../internal/args.ts'
import { NotSupportedError } from '../internal/errors.ts'

const PREFIX = 'webview_protocol-handlers'

/** The configured schemes and the service worker each names ('' when the config gives only the scheme). */
export function getHandlers (): Map<string, string> {
  const config = runtimeArgs().config
  const handlers = new Map<string, string>()
  const list = config[PREFIX]
  if (typeof list === 'string') for (const scheme of list.split(/[\s,]+/).filter(Boolean)) handlers.set(scheme.replace(/:$/, ''), '')
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(PREFIX + '_')) handlers.set(key.slice(PREFIX.length + 1), String(value))
  }
  return handlers
}

export function hasHandler (scheme: string): boolean { return getHandlers().has(scheme.replace(/:$/, '')) }

export async function registerProtocolHandler (scheme: string, _url?: string): Promise<never> {
  throw new NotSupportedError(`socket:protocol-handlers registerProtocolHandler('${scheme}') (custom schemes are served by service workers, which WebKitGTK 4.1 refuses on socket:)`)
}

export default { getHandlers, hasHandler, registerProtocolHandler }
