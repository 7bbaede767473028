// socket:notification — the Web Notification API shape over the host's notification capability, which
// shows them through the desktop's notification server (org.freedesktop.Notifications on D-Bus).
// `new Notification(title, options)` shows at once and fires `show` (or `error`: no server, not allowed);
// `close()` fires `close`. The server's ActionInvoked becomes `click` (with `action`: "default" for the
// notification itself) and its NotificationClosed `close` (with `reason`), through the host's
// `notificationresponse` event. `showNotification` is the promise form.
import { notification as client, onResponse, type NotificationResponse, type NotificationServer } from '../../generated/js/notification.ts'
import { runtimeArgs } from '../internal/args.ts'

export type NotificationPermission = 'granted' | 'denied' | 'default'

export interface NotificationOptions {
  body?: string, icon?: string, tag?: string, silent?: boolean, data?: unknown, lang?: string,
  dir?: 'auto' | 'ltr' | 'rtl', badge?: string, image?: string, requireInteraction?: boolean, actions?: unknown[]
}

function permission (): NotificationPermission {
  const value = runtimeArgs().config.permissions_allow_notifications
  return value === false || value === 'false' ? 'denied' : 'granted'
}

// Shown notifications by the server's id, for routing the host's responses.
const shown = new Map<number, Notification>()
// Responses for ids not shown yet: the host's event can overtake the reply to `show` (a server that closes a
// notification at once, or a loaded machine), and the host forwards a close only once. Kept until the id is known.
const early = new Map<number, NotificationResponse>()
const kEarlyKept = 64
let listening = false
function listen (): void {
  if (listening) return
  listening = true
  onResponse((detail) => {
    const notification = shown.get(detail.id)
    if (notification !== undefined) return deliver(notification, detail)
    early.set(detail.id, detail)
    if (early.size > kEarlyKept) early.delete(early.keys().next().value as number)
  })
}
function deliver (notification: Notification, detail: NotificationResponse): void {
  if (detail.action !== '') notification.dispatchResponse('click', { action: detail.action })
  else notification.dispatchResponse('close', { reason: detail.reason })
}

export class Notification extends EventTarget {
  static get permission (): NotificationPermission { return permission() }
  static readonly maxActions = 0
  static async requestPermission (callback?: (permission: NotificationPermission) => void): Promise<NotificationPermission> {
    const result = permission()
    callback?.(result)
    return result
  }

  readonly title: string
  readonly body: string
  readonly icon: string
  readonly tag: string
  readonly silent: boolean
  readonly data: unknown
  readonly lang: string
  readonly dir: string
  readonly timestamp = Date.now()
  /** The notification server's id, once shown. */
  id: number | null = null
  onshow: ((event: Event) => void) | null = null
  onclose: ((event: Event) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  onclick: ((event: Event) => void) | null = null
  readonly shown: Promise<this>
  #closed = false

  constructor (title: string, options: NotificationOptions = {}) {
    super()
    if (arguments.length === 0) throw new TypeError("Failed to construct 'Notification': 1 argument required, but only 0 present.")
    if (options === null || typeof options !== 'object') throw new TypeError("Failed to construct 'Notification': options must be an object")
    this.title = String(title)
    this.body = String(options.body ?? '')
    this.icon = String(options.icon ?? '')
    this.tag = String(options.tag ?? '')
    this.silent = options.silent === true
    this.data = options.data ?? null
    this.lang = options.lang ?? ''
    this.dir = options.dir ?? 'auto'
    listen()
    this.shown = client.show(this.title, this.body, this.icon, this.tag, this.silent).then((id) => {
      this.id = id
      shown.set(id, this)
      this.#fire('show')
      const overtaken = early.get(id)
      if (overtaken !== undefined) {
        early.delete(id)
        // On a later task: after the caller's `await` has added its listeners.
        setTimeout(() => deliver(this, overtaken), 0)
      }
      return this
    }, (error: Error) => {
      this.#fire('error', error)
      throw error
    })
    this.shown.catch(() => {})
  }

  close (): void {
    if (this.#closed) return
    this.#closed = true
    this.shown.then(async () => await client.close(this.id as number)).then(() => this.dispatchResponse('close', {}), () => this.dispatchResponse('close', {}))
  }

  #closeFired = false
  /** Fires `click` or `close` (once) with the server's details; used by the host's responses. */
  dispatchResponse (type: 'click' | 'close', details: { action?: string, reason?: number }): void {
    if (type === 'close') {
      if (this.#closeFired) return
      this.#closeFired = true
      this.#closed = true
      if (this.id !== null) shown.delete(this.id)
    }
    this.#fire(type, undefined, details)
  }

  #fire (type: string, error?: Error, details: object = {}): void {
    const event = Object.assign(new Event(type), error !== undefined ? { error } : {}, details)
    const handler = (this as any)[`on${type}`]
    if (typeof handler === 'function') handler.call(this, event)
    this.dispatchEvent(event)
  }
}

/** Shows a notification; resolves with it once the server took it, rejects with the host's error. */
export async function showNotification (title: string, options?: NotificationOptions): Promise<Notification> {
  return await new Notification(title, options).shown
}

/** The notification server on this session (name, vendor, version, specVersion). */
export async function getServerInformation (): Promise<NotificationServer> {
  return await client.server()
}

export default Notification
