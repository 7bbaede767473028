#include "linux/preload.hh"

#include "linux/config.hh"

#include <utility>

namespace host {

namespace {
// Kept as one readable script; the placeholders are JSON values spliced in by buildPreload().
constexpr const char *kPreload = R"JS((() => {
  if (Object.prototype.hasOwnProperty.call(globalThis, '__args')) return
  const raw = __CONFIG__
  const coerce = (value) => {
    if (value === 'true') return true
    if (value === 'false') return false
    if (value === 'null') return null
    if (/^-?(\d+|\d*\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value)
    if (/^0x[0-9a-fA-F]+$/.test(value)) return parseInt(value, 16)
    if (/^[[{]/.test(value)) { try { return JSON.parse(value) } catch {} }
    return value
  }
  const config = {}
  const env = __ENV__
  for (const key of Object.keys(raw)) {
    config[key] = coerce(raw[key])
    if (key.startsWith('env_')) env[key.slice(4)] = raw[key]
  }
  const top = globalThis.top === globalThis
  const client = {
    id: Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join(''),
    top, frameType: top ? 'top-level' : 'nested', type: 'window', platform: 'linux',
    host: globalThis.location?.hostname ?? '', port: Number(globalThis.location?.port || 0)
  }
  const args = {
    argv: Object.freeze(__ARGV__), config: Object.freeze(config), env: Object.freeze(env), index: __INDEX__,
    debug: __DEBUG__, headless: __HEADLESS__, client: Object.freeze(client)
  }
  Object.defineProperty(globalThis, '__args', { value: Object.freeze(args), enumerable: true })

  const handlers = globalThis.webkit?.messageHandlers
  const secret = __SECRET__
  const post = (channel, text) => { try { handlers[channel].postMessage(secret + text) } catch {} }
  const show = (value) => {
    if (typeof value === 'string') return value
    if (value instanceof Error) return value.stack ? `${value.name}: ${value.message}\n${value.stack}` : String(value)
    if (typeof value === 'object' && value !== null) { try { return JSON.stringify(value) } catch {} }
    return String(value)
  }
  const format = (values) => {
    if (typeof values[0] === 'string' && /%[sdifjoO%]/.test(values[0])) {
      let rest = values.slice(1)
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
  for (const [level, channel] of [['log', 'o'], ['info', 'o'], ['debug', 'o'], ['warn', 'e'], ['error', 'e']]) {
    const original = console[level]
    console[level] = function (...values) {
      post('__console', channel + format(values))
      if (__DEBUG__) original.apply(console, values)
    }
  }
  // file:line:column first, as compilers print it: a syntax error has no stack to say where it is.
  const where = (event) => event.filename ? `${event.filename.replace(location.origin + '/', '')}:${event.lineno}:${event.colno}: ` : ''
  addEventListener('error', (event) => post('__error', where(event) + 'Uncaught ' + show(event.error ?? event.message)))
  addEventListener('unhandledrejection', (event) => post('__error', 'Unhandled rejection: ' + show(event.reason)))

  // A page that is going away never sees its fetches settle. In WebKitGTK 2.50 a fetch cancelled as the next page
  // commits (a reload, `ssc build -w`'s too, or any navigation) rejects after the old document lost its frame. A
  // module whose top-level await waits on it is resumed: JavaScriptCore's module loader (asyncModuleEvaluation)
  // calls WebCore's evaluate, which does nothing for a frameless document, and awaits again, in a microtask loop
  // that never yields. The web process spins for good and the next page never runs.
  const pageFetch = globalThis.fetch
  let leaving = false
  addEventListener('pagehide', (event) => { leaving = !event.persisted })
  addEventListener('pageshow', () => { leaving = false })
  if (typeof pageFetch === 'function') {
    globalThis.fetch = function fetch (input, init) {
      const answer = Reflect.apply(pageFetch, globalThis, arguments)
      return new Promise((resolve, reject) => answer.then((value) => { if (!leaving) resolve(value) }, (error) => { if (!leaving) reject(error) }))
    }
  }

  // Native to JS: the host calls __socketHost.dispatch with a batch of [name, detail, base64Bytes?] per
  // main-loop turn, so a burst of UDP datagrams costs one script evaluation, not one per datagram.
  const decode = (text) => {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text)
    const binary = atob(text)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  }
  const dispatch = (batch) => {
    for (const [name, detail, bytes] of batch) {
      const value = detail && typeof detail === 'object' ? detail : { value: detail }
      if (typeof bytes === 'string') value.data = decode(bytes)
      try { globalThis.dispatchEvent(new CustomEvent(name, { detail: bytes === undefined ? detail : value })) } catch (error) {
        post('__error', 'Error in listener for ' + name + ': ' + show(error))
      }
    }
  }
  Object.defineProperty(globalThis, '__socketHost', { value: Object.freeze({ dispatch }) })
__TRACE__

  // navigator.serviceWorker is the runtime's (socket:service-worker; WebKitGTK refuses its own on socket:).
  // Loaded on first use: until then this stand-in forwards each call, and the module then replaces it.
  if (location.protocol === 'socket:') {
    const container = () => import('socket:service-worker').then((m) => m.container)
    const standIn = Object.freeze({
      register: (...args) => container().then((c) => c.register(...args)),
      getRegistration: (...args) => container().then((c) => c.getRegistration(...args)),
      getRegistrations: () => container().then((c) => c.getRegistrations()),
      get ready () { return container().then((c) => c.ready) },
      controller: null,
      addEventListener: (...args) => { container().then((c) => c.addEventListener(...args)) },
      removeEventListener: (...args) => { container().then((c) => c.removeEventListener(...args)) },
      startMessages () {}
    })
    try { Object.defineProperty(navigator, 'serviceWorker', { configurable: true, enumerable: true, get: () => standIn }) } catch {}
  }

  const testUrl = __TEST__
  if (testUrl && top) {
    const run = () => import(testUrl).catch((error) => post('__fatal', 'Cannot run test file ' + testUrl + ': ' + show(error)))
    if (document.readyState === 'complete') run()
    else addEventListener('load', run, { once: true })
  }

  // Deep links: an argument `<application_protocol>:…` on the command line reaches window 0 as an
  // `applicationurl` event once the page has loaded (CustomEvent, detail { url }, and `event.url` a URL).
  const protocol = String(config.meta_application_protocol || String(config.meta_bundle_identifier || '').replace(/[._]/g, '-'))
  const links = __INDEX__ === 0 && top && protocol !== '' ? __ARGV__.slice(1).filter((arg) => String(arg).startsWith(protocol + ':')) : []
  if (links.length > 0) {
    const deliver = () => {
      for (const url of links) {
        const event = new CustomEvent('applicationurl', { detail: { url } })
        try { Object.defineProperty(event, 'url', { value: new URL(url) }) } catch {}
        dispatchEvent(event)
      }
    }
    if (document.readyState === 'complete') setTimeout(deliver, 0)
    else addEventListener('load', () => setTimeout(deliver, 0), { once: true })
  }
})()
//# sourceURL=socket-host-preload.js
)JS";

// Spliced in only with SOCKET_TRACE_STARTUP=1 (otherwise the placeholder becomes nothing).
constexpr const char *kTrace = R"JS(  if (top) {
    const trace = (phase) => post('__trace', phase + ' (page clock ' + performance.now().toFixed(1) + ' ms)')
    trace('preload evaluated')
    addEventListener('DOMContentLoaded', () => trace('DOMContentLoaded'), { once: true })
    addEventListener('load', () => trace('load'), { once: true })
  })JS";
}  // namespace

std::string buildPreload(const PreloadInput &input) {
  const std::pair<const char *, std::string> values[] = {
    {"__CONFIG__", input.configJson}, {"__ENV__", input.envJson}, {"__ARGV__", input.argvJson},
    {"__INDEX__", std::to_string(input.index)}, {"__DEBUG__", input.debug ? "true" : "false"},
    {"__HEADLESS__", input.headless ? "true" : "false"}, {"__TRACE__", input.trace ? kTrace : ""},
    {"__TEST__", input.testUrl.empty() ? "''" : jsonQuote(input.testUrl)}, {"__SECRET__", jsonQuote(input.secret)},
  };
  // One pass over the template, so a value that happens to contain a placeholder name is never expanded.
  std::string script, source = kPreload;
  size_t at = 0;
  while (at < source.size()) {
    bool matched = false;
    if (source.compare(at, 2, "__") == 0) {
      for (auto &[name, value] : values) {
        size_t length = std::char_traits<char>::length(name);
        if (source.compare(at, length, name) == 0) {
          script += value;
          at += length;
          matched = true;
          break;
        }
      }
    }
    if (!matched) script += source[at++];
  }
  return script;
}

}  // namespace host
