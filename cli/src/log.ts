// Progress and diagnostics go to stderr, so stdout carries only what a command prints (and the app's output).

export interface LogOptions {
  quiet?: boolean
  verbose?: boolean
}

export class Log {
  readonly quiet: boolean
  readonly verbose: boolean
  constructor (options: LogOptions = {}) {
    this.quiet = options.quiet === true
    this.verbose = options.verbose === true && options.quiet !== true
  }

  info (message: string): void {
    if (!this.quiet) process.stderr.write(`• ${message}\n`)
  }

  warn (message: string): void {
    process.stderr.write(`! warning: ${message}\n`)
  }

  debug (message: string): void {
    if (this.verbose) process.stderr.write(`  ${message}\n`)
  }

  /** Starts a named step; the returned function prints it as done, with its duration and an optional detail. */
  step (label: string): (detail?: string) => void {
    const started = performance.now()
    if (!this.quiet) process.stderr.write(`• ${label}…\n`)
    return (detail) => {
      const ms = Math.round(performance.now() - started)
      if (!this.quiet) process.stderr.write(`  ${label}: done${detail !== undefined ? `, ${detail}` : ''} (${ms} ms)\n`)
    }
  }
}
