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

// Every diagnostic the generator can emit, one code per error site in generator/. test/generator/errors.test.ts
// finds the sites in the sources and requires test/fixtures/idl/errors/<code>.idl to produce each one.
export const DIAGNOSTICS = [
  'ambiguous-union', 'buffer-in-dictionary', 'callback-member', 'callback-outside-js', 'callback-result',
  'default-empty-required', 'default-not-enum-value', 'default-not-integer', 'default-out-of-range', 'default-type-mismatch',
  'dictionary-inheritance', 'duplicate-argument', 'duplicate-capability', 'duplicate-definition',
  'duplicate-dictionary-member', 'duplicate-enum-value', 'duplicate-member', 'duplicate-route', 
  'event-arguments', 'event-bytes', 'event-detail', 'event-result', 'event-without-name', 'interface-as-value',
  'interface-inheritance', 'max-length-type', 'max-length-value', 'missing-doc', 'missing-member-doc',
  'name-collision', 'native-callback', 'no-capability', 'no-interface', 'no-permission', 'not-a-promise',
  'nullable-any', 'nullable-nullable', 'optional-buffer', 'partial-attributes', 'partial-definition',
  'partial-mismatch', 'permission-js-implemented', 'permission-on-event', 'permission-without-name',
  'promise-not-result', 'record-key', 'record-of-buffers', 'recursive-typedef', 'reserved-argument',
  'reserved-name', 'second-interface', 'sequence-of-buffers', 'source-without-event', 'special-operation',
  'syntax', 'two-buffers', 'type-from-other-file', 'undefined-not-result', 'union-member', 'unknown-attribute',
  'unknown-permission', 'unknown-type', 'unsupported-default', 'unsupported-definition', 'unsupported-generic',
  'unsupported-member', 'unsupported-type', 'variadic'
] as const

export type DiagnosticCode = typeof DIAGNOSTICS[number]

export class IdlError extends Error {
  constructor (readonly code: DiagnosticCode, readonly location: Location, readonly detail: string) {
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
