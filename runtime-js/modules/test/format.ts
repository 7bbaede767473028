// TAP 13 text: values shown in failure diagnostics, and the YAML-ish block under a `not ok` line.

/** A short, readable rendering of any value (strings quoted, cycles and DOM nodes survive). */
export function inspect (value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'function') return `[Function ${value.name !== '' ? value.name : '(anonymous)'}]`
  if (typeof value === 'symbol' || value === undefined || value === null || typeof value !== 'object') return String(value)
  if (value instanceof Error) return `${value.name}: ${value.message}`
  if (typeof Node !== 'undefined' && value instanceof Node) return `[${value.nodeName}]`
  if (value instanceof Date) return value.toISOString()
  if (value instanceof RegExp) return String(value)
  if (depth > 3) return Array.isArray(value) ? '[Array]' : '[Object]'
  if (Array.isArray(value)) return `[${value.map((v) => inspect(v, depth + 1)).join(', ')}]`
  if (ArrayBuffer.isView(value)) {
    return `${value.constructor.name}(${value.byteLength}) [${Array.from(new Uint8Array(value.buffer, value.byteOffset, Math.min(value.byteLength, 32))).join(', ')}]`
  }
  if (value instanceof Map) return `Map {${[...value].map(([k, v]) => `${inspect(k, depth + 1)} => ${inspect(v, depth + 1)}`).join(', ')}}`
  if (value instanceof Set) return `Set {${[...value].map((v) => inspect(v, depth + 1)).join(', ')}}`
  const name = value.constructor !== undefined && value.constructor !== Object ? `${value.constructor.name} ` : ''
  return `${name}{${Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect(v, depth + 1)}`).join(', ')}}`
}

export interface Failure {
  operator: string
  expected?: unknown
  actual?: unknown
  at?: string
  stack?: string
}

/** The diagnostic block printed after `not ok N`, indented two spaces as TAP 13 expects. */
export function diagnostic (failure: Failure, showValues: boolean): string {
  const lines = ['  ---', `    operator: ${failure.operator}`]
  if (showValues) {
    lines.push(`    expected: ${inspect(failure.expected)}`, `    actual:   ${inspect(failure.actual)}`)
  }
  if (failure.at !== undefined) lines.push(`    at:       ${failure.at}`)
  if (failure.stack !== undefined) {
    lines.push('    stack: |-', ...failure.stack.split('\n').map((line) => `      ${line.trim()}`))
  }
  lines.push('  ...')
  return lines.join('\n')
}

/** The first stack frame outside this harness: where the failing assertion was written. */
export function callSite (stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined
  for (const line of stack.split('\n').slice(1)) {
    const frame = line.trim().replace(/^at\s+/, '')
    if (frame === '' || /\/socket\/test(\/[\w-]+)?\.js|modules\/test(\/[\w-]+)?\.ts|\/socket\/chunks\//.test(frame)) continue
    return frame.replace(/^.*?@/, '')
  }
  return undefined
}
