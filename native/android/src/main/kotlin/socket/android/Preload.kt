package socket.android

import socket.ipc.Json

/**
 * The script every app page gets before its own: a frozen `globalThis.__args` as on the desktop hosts, with
 * `client.platform` 'android' and `ipc` naming the URL prefix that stands for `ipc://` on Android.
 */
object Preload {
  fun script(origin: AppOrigin, config: Map<String, String>, argv: List<String> = emptyList(), debug: Boolean = false, secret: String = ""): String {
    val raw = Json.Obj(LinkedHashMap(config.mapValues { Json.Str(it.value) }))
    val args = Json.Arr(argv.map { Json.Str(it) })
    return """(() => {
  if (Object.prototype.hasOwnProperty.call(globalThis, '__args')) return
  const top = globalThis.top === globalThis
  const client = Object.freeze({ top, frameType: top ? 'top-level' : 'nested', type: 'window', platform: 'android',
    host: globalThis.location?.hostname ?? '', port: 0 })
  const args = { argv: Object.freeze(${args.stringify()}), config: Object.freeze(${raw.stringify()}), env: Object.freeze({}),
    index: 0, debug: $debug, headless: false, client, ipc: ${Json.Str(origin.origin + AppOrigin.IPC_PREFIX).stringify()} }
  Object.defineProperty(globalThis, '__args', { value: Object.freeze(args), enumerable: true })

  // console.* and uncaught errors to the host's log (ConsoleChannel), proven to come from this page by the secret.
  const channel = globalThis.__socketConsole
  const secret = ${Json.Str(secret).stringify()}
  const post = (name, text) => { try { channel.post(name, secret + text) } catch {} }
  const show = (value) => {
    if (typeof value === 'string') return value
    if (value instanceof Error) return value.stack ? `${'$'}{value.name}: ${'$'}{value.message}\n${'$'}{value.stack}` : String(value)
    if (typeof value === 'object' && value !== null) { try { return JSON.stringify(value) } catch {} }
    return String(value)
  }
  const format = (values) => {
    if (typeof values[0] === 'string' && /%[sdifjoO%]/.test(values[0])) {
      const rest = values.slice(1)
      const head = values[0].replace(/%([sdifjoO%])/g, (match, kind) => {
        if (kind === '%') return '%'
        if (rest.length === 0) return match
        const value = rest.shift()
        if (kind === 'd' || kind === 'i') return String(parseInt(value))
        if (kind === 'f') return String(Number(value))
        return show(value)
      })
      return [head, ...rest.map(show)].join(' ')
    }
    return values.map(show).join(' ')
  }
  for (const [level, stream] of [['log', 'o'], ['info', 'o'], ['debug', 'o'], ['warn', 'e'], ['error', 'e']]) {
    const original = console[level]
    console[level] = function (...values) {
      post('__console', stream + format(values))
      if ($debug) original.apply(console, values)
    }
  }
  const where = (event) => event.filename ? `${'$'}{event.filename.replace(location.origin + '/', '')}:${'$'}{event.lineno}:${'$'}{event.colno}: ` : ''
  addEventListener('error', (event) => post('__error', where(event) + 'Uncaught ' + show(event.error ?? event.message)))
  addEventListener('unhandledrejection', (event) => post('__error', 'Unhandled rejection: ' + show(event.reason)))

  // Native to JS (EventBatcher): a batch of [name, detail, base64Bytes?] per main-thread turn. A binary event's
  // detail is {params, data: bytes}, as the Linux host sends it (runtime-js/ipc/events.ts listenBinary).
  const decode = (text) => {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text)
    const binary = atob(text)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  }
  const dispatch = (batch) => {
    for (const [name, detail, bytes] of batch) {
      const value = typeof bytes === 'string' ? { params: detail, data: decode(bytes) } : detail
      try { globalThis.dispatchEvent(new CustomEvent(name, { detail: value })) } catch (error) {
        post('__error', 'Error in listener for ' + name + ': ' + show(error))
      }
    }
  }
  // A request body goes to native before its fetch (IpcBridge), with the secret that proves it is this page's.
  const bodyChannel = globalThis.__socketIpcBody
  const putBody = (seq, base64) => bodyChannel.put(secret, String(seq), String(base64))
  Object.defineProperty(globalThis, '__socketHost', { value: Object.freeze({ dispatch, putBody }) })
})()"""
  }

  /** `html` with the preload as the first script of the document (before any of the page's own). */
  fun inject(html: String, script: String): String {
    val tag = "<script>${script.replace("</script", "<\\/script")}</script>"
    val head = Regex("<head[^>]*>", RegexOption.IGNORE_CASE).find(html)
    if (head != null) return html.substring(0, head.range.last + 1) + tag + html.substring(head.range.last + 1)
    val htmlTag = Regex("<html[^>]*>", RegexOption.IGNORE_CASE).find(html)
    if (htmlTag != null) return html.substring(0, htmlTag.range.last + 1) + tag + html.substring(htmlTag.range.last + 1)
    return tag + html
  }
}
