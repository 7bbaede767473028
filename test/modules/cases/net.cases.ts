// Observations of net's address checks (the part of net this runtime has).
import type * as NodeNet from 'node:net'
import { Observer, type Observations } from '../harness/observe.ts'

export function observeNet (net: typeof NodeNet): Observations {
  const o = new Observer()
  for (const input of ['127.0.0.1', '255.255.255.255', '256.1.1.1', '1.2.3', '01.2.3.4', '::1', '::', 'fe80::1%eth0', '2001:db8::ff00:42:8329', '::ffff:1.2.3.4', 'gggg::1', 'localhost', '']) {
    o.see(`isIP ${input}`, () => [net.isIP(input), net.isIPv4(input), net.isIPv6(input)])
  }
  return o.results
}
