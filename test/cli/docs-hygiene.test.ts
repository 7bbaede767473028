// Docs say what is true about this repository: no pointers to folders outside it, no notes to the team.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './helpers.ts'

const DOCS = ['config.md', 'cli.md', 'modules.md'].map((name) => join(REPO, 'docs', name))
const OUTSIDE = [/shared\/reference/, /\/work\//, /socket-runtime\.md/, /original-docs\.txt/, /\.\.\/\.\.\//]
const TEAM_TALK = [/\bhelper "[a-z-]+"/i, /\bthe lead\b/i, /\bwave\d/i, /\bTODO\b/, /\bFIXME\b/]

test('docs/config.md, cli.md and modules.md point at nothing outside the repository and carry no team notes', () => {
  const problems: string[] = []
  for (const file of DOCS) {
    readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      for (const pattern of [...OUTSIDE, ...TEAM_TALK]) if (pattern.test(line)) problems.push(`${file}:${index + 1}: ${line.trim().slice(0, 100)}`)
    })
  }
  assert.deepEqual(problems, [])
  assert.ok(readdirSync(join(REPO, 'docs')).includes('config.md'))
})
