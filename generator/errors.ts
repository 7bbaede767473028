// Errors the generator reports about IDL input: always a file, a line, a column and the offending line.

export interface SourceFile {
  path: string      // as shown to the user, relative to the working directory
  text: string
}

export interface Location {
  file: SourceFile
  line: number      // 1-based
  column: number    // 1-based
}

export class IdlError extends Error {
  constructor (readonly location: Location, readonly detail: string) {
    super(formatDiagnostic(location, detail))
    this.name = 'IdlError'
  }
}

// Several errors found in one run; the CLI prints them all and exits with EXIT_IDL_ERROR.
export class IdlErrors extends Error {
  constructor (readonly errors: IdlError[]) {
    super(errors.map((error) => error.message).join('\n\n'))
    this.name = 'IdlErrors'
  }
}

export function formatDiagnostic (location: Location, detail: string): string {
  const { file, line, column } = location
  const source = file.text.split('\n')[line - 1] ?? ''
  const gutter = String(line)
  const pad = ' '.repeat(gutter.length)
  return [
    `${file.path}:${line}:${column}: error: ${detail}`,
    `${gutter} | ${source}`,
    `${pad} | ${' '.repeat(Math.max(0, column - 1))}^`
  ].join('\n')
}

export const EXIT_OK = 0
export const EXIT_STALE = 1
export const EXIT_IDL_ERROR = 2
export const EXIT_USAGE = 64
