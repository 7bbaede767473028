// `npm run docs`: docs/**/*.md (docs/api/ included) as a static HTML site in build/docs-site/: one page per
// file, a navigation bar listing every page, and a search box over every section (the index is a script, so the
// site works from file:// with no server). Markdown covered: headings, paragraphs, fenced code, tables, lists,
// quotes, links (`x.md` becomes `x.html`), images, inline code, bold and italics.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const DOCS = join(ROOT, 'docs')

interface Section { page: string, title: string, anchor: string, text: string }

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
export const slug = (text: string): string => text.toLowerCase().replace(/<[^>]+>|`/g, '').replace(/[^a-z0-9 _-]/g, '').trim().replace(/\s+/g, '-')

// The page being rendered (relative to docs/), so links out of docs/ can be told apart.
let currentPage = ''

/** A relative link: to a page (`.md` -> `.html`), or, when it leaves docs/, the repository path as text. */
function link (label: string, href: string): string {
  if (/^[a-z]+:/.test(href) || href.startsWith('#')) return `<a href="${href}">${label}</a>`
  const target = join(dirname(currentPage), href.split('#')[0])
  if (target.startsWith('..')) return `${label} (<code>${escape(relative('..', target))}</code> in the repository)`
  return `<a href="${href.replace(/\.md(#|$)/, '.html$1')}">${label}</a>`
}

function inline (text: string): string {
  const codes: string[] = []
  let out = text.replace(/`([^`]+)`/g, (_, code: string) => { codes.push(`<code>${escape(code)}</code>`); return `\u0000${codes.length - 1}\u0000` })
  out = escape(out)
  out = out.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt: string, src: string) => `<img alt="${alt}" src="${src}">`)
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) => link(label, href))
  out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)])
}

/** Markdown to HTML, and the page's sections (heading plus text) for the search index. */
export function render (markdown: string, page: string): { html: string, title: string, sections: Section[] } {
  currentPage = page
  const lines = markdown.split('\n')
  const out: string[] = []
  const sections: Section[] = []
  let title = page
  let current: Section | undefined
  const text = (value: string): void => { if (current !== undefined) current.text += ' ' + value.replace(/[`*|#>[\]()]/g, ' ').replace(/\s+/g, ' ') }
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    const fence = /^(\s*)```/.exec(line)
    if (fence !== null) {
      const code: string[] = []
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i])
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`)
      text(code.join(' '))
      i++
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading !== null) {
      const level = heading[1].length
      const anchor = slug(heading[2])
      if (level === 1 && title === page) title = heading[2].replace(/`/g, '')
      out.push(`<h${level} id="${anchor}">${inline(heading[2])}</h${level}>`)
      current = { page, title: heading[2].replace(/`/g, ''), anchor, text: '' }
      sections.push(current)
      i++
      continue
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1])) {
      const cells = (row: string): string[] => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'))
      out.push('<table><thead><tr>' + cells(line).map((c) => `<th>${inline(c)}</th>`).join('') + '</tr></thead><tbody>')
      for (i += 2; i < lines.length && /^\s*\|/.test(lines[i]); i++) {
        out.push('<tr>' + cells(lines[i]).map((c) => `<td>${inline(c)}</td>`).join('') + '</tr>')
        text(lines[i])
      }
      out.push('</tbody></table>')
      continue
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line)
      out.push(ordered ? '<ol>' : '<ul>')
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i])) {
        let item = lines[i].replace(/^\s*([-*]|\d+\.)\s+/, '')
        for (i++; i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*([-*]|\d+\.)\s+/.test(lines[i]); i++) item += ' ' + lines[i].trim()
        out.push(`<li>${inline(item)}</li>`)
        text(item)
      }
      out.push(ordered ? '</ol>' : '</ul>')
      continue
    }
    if (/^ {4}\S/.test(line)) {
      const code: string[] = []
      for (; i < lines.length && (/^ {4}/.test(lines[i]) || lines[i] === ''); i++) code.push(lines[i].slice(4))
      out.push(`<pre><code>${escape(code.join('\n').trimEnd())}</code></pre>`)
      continue
    }
    if (line.trim() === '') { i++; continue }
    const paragraph: string[] = []
    for (; i < lines.length && lines[i].trim() !== '' && !/^(#|```|\s*\||\s*([-*]|\d+\.)\s)/.test(lines[i]); i++) paragraph.push(lines[i].replace(/^>\s?/, ''))
    if (paragraph.length === 0) { out.push(`<p>${inline(line)}</p>`); i++; continue }
    out.push(line.startsWith('>') ? `<blockquote><p>${inline(paragraph.join(' '))}</p></blockquote>` : `<p>${inline(paragraph.join(' '))}</p>`)
    text(paragraph.join(' '))
  }
  return { html: out.join('\n'), title, sections }
}

function findPages (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return findPages(path)
    return entry.name.endsWith('.md') ? [relative(DOCS, path)] : []
  }).sort()
}

const SEARCH_JS = `(() => {
  const box = document.getElementById('search')
  const list = document.getElementById('results')
  const base = document.body.dataset.base
  box.addEventListener('input', () => {
    const words = box.value.toLowerCase().split(/\\s+/).filter(Boolean)
    list.replaceChildren()
    if (words.length === 0) return
    const hits = window.SEARCH_INDEX.filter((s) => words.every((w) => (s.title + ' ' + s.text).toLowerCase().includes(w)))
    hits.sort((a, b) => Number(words.some((w) => b.title.toLowerCase().includes(w))) - Number(words.some((w) => a.title.toLowerCase().includes(w))))
    for (const hit of hits.slice(0, 30)) {
      const item = document.createElement('li')
      const link = document.createElement('a')
      link.href = base + hit.page + '#' + hit.anchor
      link.textContent = hit.title + ' (' + hit.page + ')'
      item.append(link)
      list.append(item)
    }
    if (hits.length === 0) list.innerHTML = '<li>no match</li>'
  })
})()
`

const CSS = `body{margin:0;font:15px/1.55 system-ui,sans-serif;display:flex;color:#222}
nav{width:260px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f4f4f6;padding:12px;box-sizing:border-box}
nav a{display:block;color:#234;text-decoration:none;padding:1px 0}nav a:hover{text-decoration:underline}
nav input{width:100%;box-sizing:border-box;padding:4px}#results{padding-left:16px;font-size:13px}
main{padding:16px 32px;max-width:980px;min-width:0}pre{background:#f6f6f8;padding:8px;overflow:auto}
code{font:13px ui-monospace,monospace}table{border-collapse:collapse;display:block;overflow:auto}
td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top}img{max-width:100%}`

export function buildDocs (outDir = join(ROOT, 'build', 'docs-site')): { pages: number, sections: number, outDir: string } {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  cpSync(DOCS, outDir, { recursive: true, filter: (source) => !source.endsWith('.md') })
  const pages = findPages(DOCS)
  const rendered = pages.map((page) => ({ page: page.replace(/\.md$/, '.html'), ...render(readFileSync(join(DOCS, page), 'utf8'), page.replace(/\.md$/, '.html')) }))
  const index = rendered.flatMap((r) => r.sections.map((s) => ({ ...s, text: s.text.slice(0, 2000) })))
  writeFileSync(join(outDir, 'search-index.js'), `window.SEARCH_INDEX = ${JSON.stringify(index)}\n`)
  writeFileSync(join(outDir, 'search.js'), SEARCH_JS)
  writeFileSync(join(outDir, 'style.css'), CSS)
  for (const { page, title, html } of rendered) {
    const base = '../'.repeat(page.split('/').length - 1)
    const nav = rendered.map((r) => `<a href="${base}${r.page}"${r.page === page ? ' aria-current="page"' : ''}>${escape(r.page.replace(/\.html$/, '').replace(/(^|\/)README$/, '$1index'))}</a>`).join('\n')
    writeFileSync(join(outDir, page), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><link rel="stylesheet" href="${base}style.css"></head>
<body data-base="${base}"><nav><input id="search" type="search" placeholder="Search the docs" aria-label="Search">
<ul id="results"></ul>${nav}</nav>
<main>${html}</main>
<script src="${base}search-index.js"></script><script src="${base}search.js"></script></body></html>
`)
  }
  // The entry page: the architecture map when there is no docs/README.md.
  if (!existsSync(join(outDir, 'index.html'))) {
    writeFileSync(join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=architecture.html"><a href="architecture.html">docs</a>\n')
  }
  return { pages: rendered.length, sections: index.length, outDir }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = buildDocs()
  console.log(`docs: ${result.pages} pages, ${result.sections} sections -> ${relative(ROOT, result.outDir)}/index.html`)
}
