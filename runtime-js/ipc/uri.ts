// Builds `ipc://<route>?seq=R<n>&index=<w>&<arg>=<value>…`. Components are encoded like encodeURIComponent,
// so a space is %20 (never +), and + and & inside values are %2B and %26.

export type Params = ReadonlyArray<readonly [string, string | undefined]>

export function encodeComponent (text: string): string {
  // Lone surrogates cannot be UTF-8 encoded; replace them (U+FFFD) as USVString conversion does.
  const wellFormed = (text as { toWellFormed?: () => string }).toWellFormed?.() ?? text
  return encodeURIComponent(wellFormed)
}

export function buildUri (route: string, seq: string, index: number, params: Params): string {
  let uri = `ipc://${route}?seq=${encodeComponent(seq)}&index=${index}`
  for (const [key, value] of params) {
    if (value === undefined) continue
    uri += `&${encodeComponent(key)}=${encodeComponent(value)}`
  }
  return uri
}
