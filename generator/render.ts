// Handlebars, configured once: no HTML escaping, templates loaded from a backend's templates/ folder.
import Handlebars from 'handlebars'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { GENERATOR_DIR } from './paths.ts'

type TemplateSpecification = Parameters<typeof Handlebars.template>[0]

export type Render = (name: string, view: object) => string

// Set by the bundle scripts/gen.mjs builds: every template already compiled to Handlebars' JS form, by folder
// (relative to generator/) and name, so a run does not parse and compile them again.
declare const __PRECOMPILED_TEMPLATES__: Record<string, Record<string, string>> | undefined

export const TEMPLATE_OPTIONS = { noEscape: true }

// Loads every `*.hbs` in `dir`; each is usable as a template and as a partial (`{{> name}}`).
export function loadTemplates (dir: string): Render {
  const env = Handlebars.create()
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  const compiled = new Map<string, Handlebars.TemplateDelegate>()
  const precompiled = typeof __PRECOMPILED_TEMPLATES__ === 'object' ? __PRECOMPILED_TEMPLATES__[relative(GENERATOR_DIR, dir)] : undefined
  if (precompiled) {
    for (const [name, spec] of Object.entries(precompiled)) {
      // eslint-disable-next-line no-new-func -- the spec is Handlebars' own output for our templates, built with the bundle
      const template = env.template(new Function(`return ${spec}`)() as TemplateSpecification)
      env.registerPartial(name, template)
      compiled.set(name, template)
    }
  } else {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort()) {
      const name = file.slice(0, -'.hbs'.length)
      const source = readFileSync(join(dir, file), 'utf8')
      env.registerPartial(name, source)
      compiled.set(name, env.compile(source, TEMPLATE_OPTIONS))
    }
  }
  return (name, view) => {
    const template = compiled.get(name)
    if (!template) throw new Error(`no template ${name}.hbs in ${dir}`)
    return tidy(template(view))
  }
}

// Output hygiene shared by every backend: no trailing spaces, at most one blank line in a row, one final newline.
export function tidy (text: string): string {
  // Trailing whitespace of every line (not the newline itself), by one regex: splitting 900 KB into lines
  // and joining them again was the generator's largest cost.
  return text
    .replace(/[^\S\n]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\{\n\n/g, '{\n')
    .replace(/\n\n(\s*[}\]])/g, '\n$1')
    .trimEnd() + '\n'
}

// A doc comment in the `/** … */` style at the given indent, or nothing for empty text.
export function blockComment (text: string, indent: string, style: '/**' | '///' = '/**'): string {
  const lines = text.trim().split('\n').filter((line, i, all) => !(line === '' && (i === 0 || i === all.length - 1)))
  if (lines.length === 0 || lines.join('').trim() === '') return ''
  // A backslash at the end of a `//` line would splice the next generated line into the comment (C and C++ join
  // lines before they see comments), so the last one becomes U+29F5, which reads the same.
  if (style === '///') return lines.map((line) => `${indent}/// ${line}`.trimEnd().replace(/\\$/, '\u29f5')).join('\n') + '\n'
  // Comment markers inside the text would end (or, in Kotlin and Swift, nest) the comment.
  for (let i = 0; i < lines.length; i++) lines[i] = lines[i].replace(/\*\//g, '*\u2215').replace(/\/\*/g, '\u2215*')
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`
}

// Called for every name in every backend with the same few hundred names: remembered.
const pascalNames = new Map<string, string>()
export function pascal (name: string): string {
  let out = pascalNames.get(name)
  if (out === undefined) {
    const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean)
    out = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')
    pascalNames.set(name, out)
  }
  return out
}

export function camel (name: string): string {
  const p = pascal(name)
  return p.length > 0 ? p[0].toLowerCase() + p.slice(1) : p
}
