// net.isIP: 4 for a dotted IPv4 literal, 6 for an IPv6 literal, else 0.
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function isIPv4 (text: string): boolean {
  return ipv4.test(text)
}

export function isIPv6 (text: string): boolean {
  if (!text.includes(':')) return false
  try {
    // The URL parser validates IPv6 literals exactly (zone ids are not allowed there, so strip one).
    return new URL(`http://[${text.replace(/%[\w.]+$/, '')}]/`).hostname.length > 2
  } catch {
    return false
  }
}

export function isIP (text: string): 0 | 4 | 6 {
  return isIPv4(text) ? 4 : isIPv6(text) ? 6 : 0
}
