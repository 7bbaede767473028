import type { FlagSpec, ParsedArgs } from '../args.ts'

export interface Command {
  name: string
  summary: string
  usage: string
  flags: FlagSpec[]
  /** Longer notes shown by `ssc <command> --help`. */
  details?: string[]
  run: (args: ParsedArgs) => Promise<number>
}

export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', value: 'none', help: 'show this help' }
