// util.format with Node's full set of directives (%s %d %i %f %j %o %O %c %%); the npm port knows only
// %s %d %j. Objects are printed with the port's inspect.
type Inspect = (value: unknown, options?: Record<string, unknown>) => string

export function makeFormat (inspect: Inspect): (format?: unknown, ...args: unknown[]) => string {
  return function format (first?: unknown, ...args: unknown[]): string {
    if (typeof first !== 'string') return [first, ...args].map((value) => typeof value === 'string' ? value : inspect(value)).join(' ')
    let index = 0
    let out = first.replace(/%[sdifjoOc%]/g, (directive) => {
      if (directive === '%%') return '%'
      if (index >= args.length) return directive
      const value = args[index++]
      switch (directive) {
        case '%s':
          if (typeof value === 'bigint') return `${value}n`
          if (typeof value === 'object' && value !== null) return inspect(value, { depth: 1 })
          return Object.is(value, -0) ? '-0' : String(value)
        case '%d':
          if (typeof value === 'bigint') return `${value}n`
          return typeof value === 'symbol' ? 'NaN' : String(Number(value))
        case '%i':
          if (typeof value === 'bigint') return `${value}n`
          return typeof value === 'symbol' ? 'NaN' : String(parseInt(String(value), 10))
        case '%f': return typeof value === 'symbol' ? 'NaN' : String(parseFloat(String(value)))
        case '%j':
          try { return JSON.stringify(value) } catch { return '[Circular]' }
        case '%o': return inspect(value, { showHidden: true, depth: 4 })
        case '%O': return inspect(value)
        case '%c': return ''
        default: return directive
      }
    })
    for (const value of args.slice(index)) out += ' ' + (typeof value === 'string' ? value : inspect(value))
    return out
  }
}
