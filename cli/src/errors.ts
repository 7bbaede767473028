// Typed errors the CLI reports to the user; anything else is a bug and prints a stack.

/** An error with a message the user can act on; `exitCode` is the status `ssc` exits with. */
export class CliError extends Error {
  exitCode: number
  constructor (message: string, exitCode = 1) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

/** A flag or argument the CLI does not accept. */
export class UsageError extends CliError {
  constructor (message: string) {
    super(message, 2)
    this.name = 'UsageError'
  }
}

/** Something this host cannot do (for example building for iOS on Linux); the message says why. */
export class NotSupportedError extends CliError {
  constructor (message: string) {
    super(message, 1)
    this.name = 'NotSupportedError'
  }
}

/** A malformed or invalid config file; names the file, the line and the key. */
export class ConfigError extends CliError {
  file: string
  line: number
  key: string | null
  constructor (file: string, line: number, key: string | null, problem: string) {
    const where = line > 0 ? `${file}:${line}` : file
    super(`${where}: ${key !== null ? `${key}: ` : ''}${problem}`, 1)
    this.name = 'ConfigError'
    this.file = file
    this.line = line
    this.key = key
  }
}
