// socket:diagnostics/window — the original's window metrics: animation frames (rate over the last second,
// sampled by a requestAnimationFrame loop of its own while enabled) and fetch / XMLHttpRequest counts (only
// while enabled: nothing is wrapped until `init()`). Each sample is published on the
// `window.requestAnimationFrame`, `window.fetch` and `window.XMLHttpRequest` channels.
import { group } from './channels.ts'

export const channel = group('window', ['requestAnimationFrame', 'fetch', 'XMLHttpRequest'])

export class RequestAnimationFrameMetric {
  samples: number[] = []
  rate = 0
  #handle: number | undefined
  #enabled = false

  init (): void {}
  get enabled (): boolean { return this.#enabled }

  /** Starts counting frames; each frame publishes `{ rate, time }` on `window.requestAnimationFrame`. */
  enable (): void {
    if (this.#enabled || typeof globalThis.requestAnimationFrame !== 'function') return
    this.#enabled = true
    const frame = (time: number): void => {
      if (!this.#enabled) return
      this.samples.push(time)
      while (this.samples.length > 0 && this.samples[0] < time - 1000) this.samples.shift()
      this.rate = this.samples.length
      channel.channels[0].publish({ rate: this.rate, time })
      this.#handle = requestAnimationFrame(frame)
    }
    this.#handle = requestAnimationFrame(frame)
  }

  disable (): void {
    this.#enabled = false
    if (this.#handle !== undefined) cancelAnimationFrame(this.#handle)
    this.#handle = undefined
  }

  toJSON (): { sampleSize: number, rate: number } { return { sampleSize: this.samples.length, rate: this.rate } }
}

/**
 * Requests made with `fetch` or `XMLHttpRequest`. WebKitGTK records no resource timing for the app's own
 * `socket:` origin, so while enabled (and only then: `disable()` puts the originals back) the metric wraps
 * `globalThis.fetch` or `XMLHttpRequest.prototype.send` to count each request when it settles.
 */
export class RequestMetric {
  readonly kind: 'fetch' | 'XMLHttpRequest'
  readonly channelIndex: number
  count = 0
  #restore: (() => void) | undefined

  constructor (kind: 'fetch' | 'XMLHttpRequest', channelIndex: number) {
    this.kind = kind
    this.channelIndex = channelIndex
  }

  get enabled (): boolean { return this.#restore !== undefined }

  #record (url: string, started: number, status: number): void {
    this.count++
    channel.channels[this.channelIndex].publish({ url, status, duration: performance.now() - started, count: this.count })
  }

  enable (): void {
    if (this.#restore !== undefined) return
    if (this.kind === 'fetch' && typeof globalThis.fetch === 'function') {
      const original = globalThis.fetch
      const metric = this
      globalThis.fetch = async function fetch (input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
        const started = performance.now()
        const url = input instanceof Request ? input.url : String(input)
        try {
          const response = await original.call(globalThis, input, init)
          metric.#record(url, started, response.status)
          return response
        } catch (error) {
          metric.#record(url, started, 0)
          throw error
        }
      }
      this.#restore = () => { globalThis.fetch = original }
    } else if (this.kind === 'XMLHttpRequest' && typeof XMLHttpRequest !== 'undefined') {
      const original = XMLHttpRequest.prototype.send
      const metric = this
      XMLHttpRequest.prototype.send = function send (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null): void {
        const started = performance.now()
        this.addEventListener('loadend', () => metric.#record(this.responseURL, started, this.status), { once: true })
        original.call(this, body)
      }
      this.#restore = () => { XMLHttpRequest.prototype.send = original }
    }
  }

  disable (): void {
    this.#restore?.()
    this.#restore = undefined
  }

  toJSON (): { count: number } { return { count: this.count } }
}

export const metrics = {
  requestAnimationFrame: new RequestAnimationFrameMetric(),
  fetch: new RequestMetric('fetch', 1),
  XMLHttpRequest: new RequestMetric('XMLHttpRequest', 2)
}

/** Turns every metric on. */
export function init (): void {
  for (const metric of Object.values(metrics)) metric.enable()
}

export function disable (): void {
  for (const metric of Object.values(metrics)) metric.disable()
}

/** The current figures: `{ requestAnimationFrame: { sampleSize, rate }, fetch: { count }, XMLHttpRequest: { count } }`. */
export function query (): { requestAnimationFrame: { sampleSize: number, rate: number }, fetch: { count: number }, XMLHttpRequest: { count: number } } {
  return {
    requestAnimationFrame: metrics.requestAnimationFrame.toJSON(),
    fetch: metrics.fetch.toJSON(),
    XMLHttpRequest: metrics.XMLHttpRequest.toJSON()
  }
}

export default { channel, metrics, init, disable, query }
