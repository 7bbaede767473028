// socket:diagnostics/window — the original's window metrics: animation frames (rate over the last second,
// sampled by a requestAnimationFrame loop of its own while enabled) and fetch / XMLHttpRequest counts (from
// the webview's resource timing entries, not by wrapping fetch). Each sample is published on the
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

/** Requests of one initiator type (`fetch` or `xmlhttprequest`) seen in resource timing. */
export class ResourceMetric {
  readonly initiatorType: string
  readonly channelIndex: number
  count = 0
  #observer: PerformanceObserver | undefined

  constructor (initiatorType: string, channelIndex: number) {
    this.initiatorType = initiatorType
    this.channelIndex = channelIndex
  }

  get enabled (): boolean { return this.#observer !== undefined }

  enable (): void {
    if (this.#observer !== undefined || typeof PerformanceObserver === 'undefined') return
    this.#observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        if (entry.initiatorType !== this.initiatorType) continue
        this.count++
        channel.channels[this.channelIndex].publish({ url: entry.name, duration: entry.duration, count: this.count })
      }
    })
    this.#observer.observe({ type: 'resource', buffered: false })
  }

  disable (): void {
    this.#observer?.disconnect()
    this.#observer = undefined
  }

  toJSON (): { count: number } { return { count: this.count } }
}

export const metrics = {
  requestAnimationFrame: new RequestAnimationFrameMetric(),
  fetch: new ResourceMetric('fetch', 1),
  XMLHttpRequest: new ResourceMetric('xmlhttprequest', 2)
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
