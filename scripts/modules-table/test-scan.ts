// Which socket: modules a test file exercises, for the conformance table's test column. A file names a module
// when it has:
//   - a quoted `socket:<name>` specifier, or imports `runtime-js/modules/<name>.ts`;
//   - (a page under a `webview/` folder, which runs in the webview where `node:` is served as `socket:`)
//     a quoted `node:<name>` specifier;
//   - a call with a string literal to a one-line helper that imports its parameter, bare or in a
//     `socket:${name}` / `node:${name}` template (`const load = async (name) => await import(name)`):
//     the literal, with the template's prefix, is the specifier;
//   - a declaration, for modules imported in a loop over a table: a line `// modules under test: a, b, c`.
// `unexplainedComputedImports` lists the computed socket: imports none of these account for, so a test can
// insist that the column misses nothing.

const NAME = '[a-z0-9_][a-z0-9_/-]*'
const DECLARATION = /^\s*\/\/ modules under test: (.+)$/m

interface Helper { name: string, param: string, prefix: string }

function helpers (text: string): Helper[] {
  const found: Helper[] = []
  const pattern = /(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?\(\s*(\w+)[^)]*\)[^\n]*?\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?(?:`(socket:|node:)?\$\{\s*(\w+)\s*\}`|(\w+)\s*\))/g
  for (const m of text.matchAll(pattern)) {
    const [, helper, param, prefix, templateParam, bareParam] = m
    if ((templateParam ?? bareParam) === param) found.push({ name: helper, param, prefix: prefix ?? '' })
  }
  return found
}

/** The declared list (`// modules under test: a, b`), or undefined. */
export function declaredModules (text: string): string[] | undefined {
  const m = DECLARATION.exec(text)
  return m === null ? undefined : m[1].split(/[\s,]+/).filter((s) => s !== '').map((s) => s.replace(/^socket:/, ''))
}

/** The socket: module names `text` (the file at `file`, relative to test/) exercises. */
export function modulesNamedBy (file: string, text: string): Set<string> {
  const inWebview = /(^|\/)webview\//.test(file)
  const names = new Set<string>()
  const specifier = (spec: string): void => {
    const m = new RegExp(`^(socket|node):(${NAME})$`).exec(spec)
    if (m !== null && (m[1] === 'socket' || inWebview)) names.add(m[2])
  }
  for (const m of text.matchAll(new RegExp(`(socket|node):(${NAME})['"\`]`, 'g'))) specifier(`${m[1]}:${m[2]}`)
  for (const m of text.matchAll(new RegExp(`modules/(${NAME})\\.ts['"\`]`, 'g'))) names.add(m[1])
  for (const { name, prefix } of helpers(text)) {
    for (const m of text.matchAll(new RegExp(`\\b${name}\\(\\s*['"]([^'"]+)['"]`, 'g'))) specifier(prefix + m[1])
  }
  for (const name of declaredModules(text) ?? []) names.add(name)
  return names
}

/**
 * The `import(...)` calls whose socket: specifier is computed and not accounted for by a helper or a
 * declaration (a template `socket:${…}`, or a variable assigned one).
 */
export function unexplainedComputedImports (text: string): string[] {
  if (declaredModules(text) !== undefined) return []
  const explainedByHelper = new Set(helpers(text).map((h) => h.param))
  const computed: string[] = []
  for (const m of text.matchAll(/\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?(`[^`]*`|\w+)/g)) {
    const arg = m[1]
    if (arg.startsWith('`')) {
      if (/^`socket:\$\{\s*(\w+)\s*\}`$/.test(arg) && explainedByHelper.has(/\$\{\s*(\w+)/.exec(arg)![1])) continue
      if (arg.startsWith('`socket:') && arg.includes('${')) computed.push(m[0])
    } else if (!explainedByHelper.has(arg) && new RegExp(`(?:const|let)\\s+${arg}\\s*=\\s*\`socket:[^\`]*\\$\\{`).test(text)) {
      computed.push(m[0])
    }
  }
  return computed
}
