package socket.android

import socket.ipc.Json

/**
 * The script every app page gets before its own: a frozen `globalThis.__args` as on the desktop hosts, with
 * `client.platform` 'android' and `ipc` naming the URL prefix that stands for `ipc://` on Android.
 */
object Preload {
  fun script(origin: AppOrigin, config: Map<String, String>, argv: List<String> = emptyList(), debug: Boolean = false): String {
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
