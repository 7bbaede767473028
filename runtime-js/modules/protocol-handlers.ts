// socket:protocol-handlers — custom URL schemes (`web+myapp:`, `npm:`) answered by the app's service workers,
// as in the original. socket.ini lists the schemes (`[webview.protocol-handlers] <scheme> = <worker script>`,
// or `[webview] protocol-handlers = <scheme> …` to give the worker later with `registerProtocolHandler`): the
// host registers them with WebKit at start, because WebKit takes new schemes only before pages load. A
// `<scheme>:…` request from the app's pages then becomes a `fetch` event in that worker (docs/host.md).
import { runtimeArgs } from '../internal/args.ts'
import { container, type ServiceWorkerRegistration } from './service-worker.ts'
import { service_worker as host } from '../../generated/js/service_worker.ts'

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

/**
 * Makes the service worker at `scriptURL` (on the app's origin) answer `<scheme>:…` requests, replacing the
 * worker the scheme had. The scheme must be listed in socket.ini; otherwise this is a NotSupportedError.
 */
export async function registerProtocolHandler (scheme: string, scriptURL: string | URL): Promise<ServiceWorkerRegistration> {
  return await container.register(scriptURL, { scheme: scheme.replace(/:$/, '') })
}

/** Stops the scheme's worker: its requests get 404 until another is registered. False when it had none. */
export async function unregisterProtocolHandler (scheme: string): Promise<boolean> {
  return await host.unregister(scheme.replace(/:$/, '') + ':')
}

export default { getHandlers, hasHandler, registerProtocolHandler, unregisterProtocolHandler }
