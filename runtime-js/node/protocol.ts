// The backend sub-process protocol (reference 1.7): newline-delimited `ipc://<name>?<query>` lines, values
// encodeURIComponent-encoded. Runtime to backend on stdin, backend to runtime on stdout.

export interface IpcLine {
  name: string
  params: Map<string, string>
}

/** `ipc://send?event=x&index=-1&value=%7B%7D` from a name and parameters (values percent-encoded, space as %20). */
export function formatLine (name: string, params: Record<string, string | number>): string {
  const query = Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return `ipc://${name}${query.length > 0 ? `?${query.join('&')}` : ''}`
}

/** Parses one line; null when it is not an `ipc://` line (the caller decides what to do with plain text). */
export function parseLine (line: string): IpcLine | null {
  const text = line.replace(/\r$/, '')
  if (!text.startsWith('ipc://')) return null
  const rest = text.slice('ipc://'.length)
  const question = rest.indexOf('?')
  const name = decodeURIComponent(question < 0 ? rest : rest.slice(0, question))
  const params = new Map<string, string>()
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      if (pair === '') continue
      const equals = pair.indexOf('=')
      const key = equals < 0 ? pair : pair.slice(0, equals)
      const value = equals < 0 ? '' : pair.slice(equals + 1)
      // `+` is a literal plus here (the wire encodes spaces as %20), so decode without form rules.
      params.set(safeDecode(key), safeDecode(value))
    }
  }
  return { name, params }
}

function safeDecode (text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Splits a byte stream into lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = ''
  push (chunk: string): string[] {
    const parts = (this.tail + chunk).split('\n')
    this.tail = parts.pop() ?? ''
    return parts
  }

  /** Whatever is left when the stream ends (a last line without a newline). */
  flush (): string[] {
    const rest = this.tail
    this.tail = ''
    return rest === '' ? [] : [rest]
  }

  get pending (): number {
    return this.tail.length
  }
}
