// Docs say what is true about this repository: no pointers to folders outside it, no notes to the team.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { REPO } from './helpers.ts'

// Every hand-written doc (docs/api is generated from the IDL) and the README.
function markdown (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === 'api' ? [] : markdown(join(dir, entry.name))
    return entry.name.endsWith('.md') ? [join(dir, entry.name)] : []
  })
}
const DOCS = [...markdown(join(REPO, 'docs')), join(REPO, 'README.md')]
const OUTSIDE = [/shared\/reference/, /shared\/baseline/, /\.\.\/shared\//, /\/work\//, /socket-runtime\.md/, /original-docs\.txt/]
const TEAM_TALK = [/\bhelper "[a-z-]+"/i, /\bthe lead\b/i, /\bwave\d/i, /\bTODO\b/, /\bFIXME\b/]

test('the docs and the README point at nothing outside the repository and carry no team notes', () => {
  const problems: string[] = []
  for (const file of DOCS) {
    readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      for (const pattern of [...OUTSIDE, ...TEAM_TALK]) if (pattern.test(line)) problems.push(`${file}:${index + 1}: ${line.trim().slice(0, 100)}`)
      // Relative links stay inside the repository.
      for (const [, target] of line.matchAll(/\]\((\.[^)#\s]*)/g)) {
        if (relative(REPO, resolve(dirname(file), target)).startsWith('..')) problems.push(`${file}:${index + 1}: links outside: ${target}`)
      }
    })
  }
  assert.deepEqual(problems, [])
  assert.ok(DOCS.some((file) => file.endsWith('config.md')) && DOCS.length > 10, 'the walk found the docs')
})
