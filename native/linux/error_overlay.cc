#include "linux/error_overlay.hh"

namespace host {

namespace {
// Uncaught errors and rejections become a box over the page (the preload prints them with file:line:column);
// module scripts that fail to load are diagnosed, printed and shown. A module that fails to load is diagnosed by reading its
// source (and the app modules it imports) for `socket:`/`node:` specifiers the host does not serve.
constexpr const char *kOverlay = R"JS((() => {
  if (globalThis.top !== globalThis || globalThis.__socketErrorOverlay) return
  Object.defineProperty(globalThis, '__socketErrorOverlay', { value: true })
  // Through the preload's console.error, the one that holds the channel's secret.
  const post = (text) => { try { console.error(text) } catch {} }
  const short = (url) => String(url || '').replace(location.origin + '/', '')
  let box = null
  const show = (title, where, detail) => {
    const line = (where ? where + ': ' : '') + title
    if (!box) {
      box = document.createElement('div')
      box.id = 'socket-error-overlay'
      box.setAttribute('role', 'alert')
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:24px;margin:0;' +
        'background:rgba(24,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap'
      const close = document.createElement('button')
      close.textContent = 'dismiss'
      close.style.cssText = 'float:right;font:inherit'
      close.onclick = () => { box.remove(); box = null }
      box.append(close)
      const attach = () => document.documentElement.append(box)
      if (document.documentElement) attach(); else addEventListener('DOMContentLoaded', attach, { once: true })
    }
    const entry = document.createElement('div')
    entry.className = 'socket-error'
    entry.textContent = line + (detail ? '\n' + detail : '')
    entry.style.cssText = 'border-left:4px solid #f66;padding:4px 12px;margin:8px 0'
    box.append(entry)
  }
  addEventListener('error', (event) => {
    const target = event.target
    if (target instanceof HTMLScriptElement) return void diagnoseScript(target)
    if (target !== globalThis && target !== document) return  // images and the like
    const where = event.filename ? short(event.filename) + ':' + event.lineno + ':' + event.colno : ''
    const error = event.error
    const title = error instanceof Error ? error.name + ': ' + error.message : String(event.message)
    show(title, where, error && error.stack && !/^\s*$/.test(error.stack) ? error.stack : '')
  }, true)
  addEventListener('unhandledrejection', (event) => {
    const error = event.reason
    const title = 'Unhandled rejection: ' + (error instanceof Error ? error.name + ': ' + error.message : String(error))
    show(title, '', error && error.stack ? error.stack : '')
    // A failed import() says only "Importing a module script failed.": find the import() that names a module
    // the host does not serve in the page's module scripts (and the app modules they import).
    if (error instanceof TypeError && /Importing a module script failed/.test(error.message)) {
      void (async () => {
        for (const script of document.querySelectorAll('script[type="module"]')) {
          if (await diagnoseScript(script, true)) return
        }
      })()
    }
  })

  const served = async (specifier) => {
    try { return (await fetch(specifier)).ok } catch { return false }
  }
  const imports = (source) => {
    const found = []
    const pattern = /(?:^|[;\s})])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?(['"])([^'"]+)\1|import\s*\(\s*(['"])([^'"]+)\3\s*\)/g
    for (const match of source.matchAll(pattern)) {
      const specifier = match[2] || match[4]
      const at = match.index + match[0].search(/import|export/)
      found.push({ specifier, line: source.slice(0, at).split('\n').length })
    }
    return found
  }
  // Reports the first import of a module the host does not serve; true if one was found. `quiet`: no report
  // when none is (a failed import() with no such import leaves only the rejection already shown).
  const diagnoseScript = async (script, quiet = false) => {
    const queue = script.src ? [{ url: script.src, source: null }] : [{ url: location.href, source: script.textContent }]
    const seen = new Set()
    while (queue.length > 0 && seen.size < 64) {
      const { url, source: given } = queue.shift()
      if (seen.has(url)) continue
      seen.add(url)
      let source = given
      if (source === null) {
        try {
          const response = await fetch(url)
          if (!response.ok) {
            if (!quiet) report(short(url), 'cannot load ' + short(url) + ' (HTTP ' + response.status + ')')
            return !quiet
          }
          source = await response.text()
        } catch { continue }
      }
      for (const { specifier, line } of imports(source)) {
        if (/^(socket|node):/.test(specifier)) {
          if (!(await served(specifier))) {
            report(short(url) + ':' + line, 'import of ' + specifier + ' failed: there is no module "' + specifier +
              '" (modules: docs/modules.md)')
            return true
          }
        } else if (/^\.{0,2}\//.test(specifier)) {
          queue.push({ url: new URL(specifier, url).href, source: null })
        }
      }
    }
    if (!quiet) report(short(script.src || location.href), 'a module script failed to load (a syntax error or a missing import; see above)')
    return false
  }
  const report = (where, title) => { post(where + ': ' + title); show(title, where, '') }
})()
//# sourceURL=socket-error-overlay.js
)JS";
}  // namespace

const std::string &errorOverlayScript() {
  static const std::string script = kOverlay;
  return script;
}

}  // namespace host
