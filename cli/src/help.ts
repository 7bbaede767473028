// `ssc --help` and `ssc <command> --help`.
import type { Command } from './commands/types.ts'

export function globalHelp (commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'ssc: build, run, test and package Socket Runtime apps (Linux host)',
    '',
    'usage: ssc <command> [options] [dir]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'global options:',
    '  -h, --help     this help; "ssc <command> --help" for a command\'s options',
    '  -v, --version  the version and the installation path',
    '  --prefix       the installation path',
    '',
    'Config keys: docs/config.md. Commands in detail: docs/cli.md.'
  ].join('\n')
}

export function commandHelp (command: Command): string {
  const label = (f: Command['flags'][number]): string => {
    const long = `--${f.name}${f.value === 'required' ? '=VALUE' : f.value === 'optional' ? '[=VALUE]' : ''}`
    return f.short !== undefined ? `-${f.short}, ${long}` : `    ${long}`
  }
  const width = Math.max(...command.flags.map((f) => label(f).length))
  return [
    `ssc ${command.name}: ${command.summary}`,
    '',
    `usage: ${command.usage}`,
    '',
    'options:',
    ...command.flags.map((f) => `  ${label(f).padEnd(width)}  ${f.help}`),
    ...(command.details !== undefined ? ['', ...command.details] : [])
  ].join('\n')
}
