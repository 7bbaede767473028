// socket:querystring — Node's querystring, from the `querystring-es3` npm package, plus escape/unescape.
import port from 'querystring-es3/index.js'

export const { parse, stringify, decode, encode } = port

/** Node's querystring.escape: percent-encodes all but A-Z a-z 0-9 - . _ ~ ! ' ( ) *. */
export function escape (value: string): string {
  return encodeURIComponent(value)
}

/** Node's querystring.unescape: decodeURIComponent, tolerant of malformed sequences (kept as they are). */
export function unescape (value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value.replace(/%([0-9a-fA-F]{2})/g, (match, hex: string) => {
      const code = parseInt(hex, 16)
      return code < 0x80 ? String.fromCharCode(code) : match
    })
  }
}

export default { parse, stringify, decode, encode, escape, unescape }
