// Native-to-JS events (Contract 1): `CustomEvent(name, {detail})` on globalThis. Binary events use the
// original's `data` firehose: detail = {params: {source, data: <json>}, data: <Uint8Array>}, filtered by source.

export type Unsubscribe = () => void

function targetOr (target?: EventTarget): EventTarget {
  return target ?? (globalThis as unknown as EventTarget)
}

export function listen<T> (name: string, decode: (detail: unknown) => T, listener: (detail: T) => void, target?: EventTarget): Unsubscribe {
  const handler = (event: Event): void => listener(decode((event as CustomEvent).detail))
  const on = targetOr(target)
  on.addEventListener(name, handler)
  return () => on.removeEventListener(name, handler)
}

interface BinaryDetail { params?: { source?: string, data?: unknown }, data?: unknown }

export function listenBinary<T> (name: string, source: string, decode: (detail: unknown) => T,
  listener: (detail: T, bytes: Uint8Array) => void, target?: EventTarget): Unsubscribe {
  const handler = (event: Event): void => {
    const detail = (event as CustomEvent).detail as BinaryDetail | undefined
    if (detail?.params?.source !== source) return
    const raw = detail.data
    const bytes = raw instanceof Uint8Array ? raw : raw instanceof ArrayBuffer ? new Uint8Array(raw) : new Uint8Array(0)
    listener(decode(detail.params.data), bytes)
  }
  const on = targetOr(target)
  on.addEventListener(name, handler)
  return () => on.removeEventListener(name, handler)
}
