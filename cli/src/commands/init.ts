// `ssc init [dir]`: writes a working app (or, with -C, only socket.ini). Existing files are never overwritten.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { stringFlag } from '../args.ts'
import { UsageError } from '../errors.ts'
import { Log } from '../log.ts'
import { GITIGNORE, INDEX_CSS, INDEX_HTML, INDEX_JS, TEST_JS, socketIni, type InitNames } from '../init/templates.ts'
import { HELP_FLAG, type Command } from './types.ts'

export function initNames (dir: string, requested?: string): InitNames {
  const name = requested ?? basename(dir).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')
  if (name === '' || !/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new UsageError(`"${requested ?? basename(dir)}" cannot be an app name: use letters, digits, "_" and "-" (-n NAME)`)
  }
  let label = name.toLowerCase().replace(/_/g, '-')
  if (!/^[a-z]/.test(label)) label = `app-${label}`
  const title = name.split(/[-_]+/).filter((w) => w !== '').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ')
  return { name, bundleId: `com.example.${label}`, title }
}

export const initCommand: Command = {
  name: 'init',
  summary: 'create an app in [dir] (default: .): socket.ini, src/, a test',
  usage: 'ssc init [-C] [-n NAME] [dir]',
  flags: [
    { name: 'config', short: 'C', value: 'none', help: 'write only socket.ini' },
    { name: 'name', short: 'n', value: 'required', help: 'the app\'s name (default: the folder\'s name)' },
    { name: 'quiet', short: 'q', value: 'none', help: 'print only errors' },
    HELP_FLAG
  ],
  async run (args) {
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`)
    const dir = resolve(args.positionals[0] ?? '.')
    const log = new Log({ quiet: args.flags.has('quiet') })
    const names = initNames(dir, stringFlag(args, 'name'))
    const files: Array<[string, string]> = [['socket.ini', socketIni(names)]]
    if (!args.flags.has('config')) {
      files.push(['src/index.html', INDEX_HTML], ['src/index.css', INDEX_CSS], ['src/index.js', INDEX_JS],
        ['test/index.js', TEST_JS], ['.gitignore', GITIGNORE])
    }
    for (const [path, text] of files) {
      const target = join(dir, path)
      if (existsSync(target)) {
        log.info(`kept existing ${path}`)
        continue
      }
      mkdirSync(join(target, '..'), { recursive: true })
      writeFileSync(target, text)
      log.info(`wrote ${path}`)
    }
    log.info(`next: ssc build -r ${args.positionals[0] ?? '.'}`)
    return 0
  }
}
