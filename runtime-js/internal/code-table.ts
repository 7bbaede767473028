// Name <-> number <-> message lookups over one constants table, as the original's errno and signal modules
// both offer them (getCode, getName, getMessage, toString).

export interface CodeTable {
  /** The number for a name (`'ENOENT'` -> 2); 0 when unknown. Case-insensitive, as in the original. */
  getCode: (name: string | number) => number
  /** The name for a number (2 or -2 -> `'ENOENT'`); '' when unknown. */
  getName: (code: number | string) => string
  /** The system's text for a number or a name; '' when unknown. */
  getMessage: (code: number | string) => string
  /** The system's text for a number (its absolute value); '' when unknown. */
  toString: (code: number) => string
}

export function codeTable (constants: Readonly<Record<string, number>>, strings: Readonly<Record<number, string>>): CodeTable {
  const toString = (code: number): string => strings[Math.abs(Number(code))] ?? ''
  const getCode = (name: string | number): number => {
    if (typeof name === 'number') return Object.values(constants).includes(Math.abs(name)) ? Math.abs(name) : 0
    return constants[String(name).toUpperCase()] ?? 0
  }
  const getName = (code: number | string): string => {
    if (typeof code === 'string') return constants[code.toUpperCase()] !== undefined ? code.toUpperCase() : ''
    const wanted = Math.abs(code)
    return Object.keys(constants).find((key) => constants[key] === wanted) ?? ''
  }
  const getMessage = (code: number | string): string => toString(typeof code === 'string' ? getCode(code) : code)
  return { getCode, getName, getMessage, toString }
}
