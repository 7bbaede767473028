// Parses `ssc <command> [options] [dir]` against the flags a command declares.
import { UsageError } from './errors.ts'

export interface FlagSpec {
  /** Long name without dashes, e.g. `package-format`. */
  name: string
  short?: string
  /** `required`: `--port=8000` or `--port 8000`; `optional`: only `--test` or `--test=file`; `none`: a switch. */
  value: 'none' | 'required' | 'optional'
  help: string
}

export interface ParsedArgs {
  flags: Map<string, string | true>
  positionals: string[]
  /** Everything after `--`, passed through to the app. */
  rest: string[]
}

export function parseArgs (argv: string[], specs: FlagSpec[], command: string): ParsedArgs {
  const flags = new Map<string, string | true>()
  const positionals: string[] = []
  const dashDash = argv.indexOf('--')
  const rest = dashDash < 0 ? [] : argv.slice(dashDash + 1)
  const args = dashDash < 0 ? argv : argv.slice(0, dashDash)

  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    const equals = arg.indexOf('=')
    const name = equals < 0 ? arg : arg.slice(0, equals)
    const inline = equals < 0 ? undefined : arg.slice(equals + 1)
    const spec = name.startsWith('--')
      ? specs.find((s) => s.name === name.slice(2))
      : specs.find((s) => s.short === name.slice(1))
    if (spec === undefined) {
      throw new UsageError(`unknown option "${name}" for "ssc ${command}"; see "ssc ${command} --help"`)
    }
    if (spec.value === 'none') {
      if (inline !== undefined && inline !== 'true') {
        throw new UsageError(`option "${name}" takes no value (got "${inline}")`)
      }
      flags.set(spec.name, true)
    } else if (inline !== undefined) {
      if (inline === '' && spec.value === 'required') throw new UsageError(`option "${name}" needs a value`)
      flags.set(spec.name, inline)
    } else if (spec.value === 'required') {
      const next = args[i + 1]
      if (next === undefined || next.startsWith('-')) throw new UsageError(`option "${name}" needs a value`)
      flags.set(spec.name, next)
      i++
    } else {
      flags.set(spec.name, true)
    }
  }
  return { flags, positionals, rest }
}

/** A flag's string value, or undefined when absent; a bare switch where a value is required is an error. */
export function stringFlag (args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name)
  if (value === undefined) return undefined
  if (value === true) throw new UsageError(`option "--${name}" needs a value, e.g. --${name}=...`)
  return value
}
