// A NAT lab from Linux network namespaces: one "internet" namespace holding two public introducer addresses,
// and per site a router namespace (nftables NAT of the chosen kind) and a host namespace behind it. Every
// name starts with a prefix unique to this process, and `destroy()` deletes exactly what `create()` made.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'

export type NatKind = 'cone' | 'address' | 'port' | 'symmetric'
export interface Site { index: number, kind: NatKind, router: string, host: string, lanIp: string, wanIp: string }

const run = (args: string[]): string => execFileSync(args[0], args.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

/** Why namespaces cannot be made here (not root, no ip/nft, no CAP_SYS_ADMIN), or undefined if they can. */
export function labUnavailable (): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux'
  if (process.getuid?.() !== 0) return 'network namespaces need root'
  const probe = `srpc${process.pid}-probe`
  try {
    run(['nft', '--version'])
    run(['ip', 'netns', 'add', probe])
    run(['ip', 'netns', 'exec', probe, 'nft', 'list', 'ruleset'])
  } catch (err) {
    return `cannot create a network namespace with nftables here: ${String((err as Error).message).split('\n')[0]}`
  } finally {
    try { run(['ip', 'netns', 'del', probe]) } catch {}
  }
  return undefined
}

export const INTRODUCERS = ['10.99.0.1', '10.99.0.2']

export class NatLab {
  readonly prefix = `srpc${process.pid}`
  readonly inet = `${this.prefix}-inet`
  readonly sites: Site[] = []
  readonly #namespaces: string[] = []
  readonly #children: ChildProcess[] = []

  #ns (name: string): string {
    run(['ip', 'netns', 'add', name])
    this.#namespaces.push(name)
    this.exec(name, ['ip', 'link', 'set', 'lo', 'up'])
    return name
  }

  exec (ns: string, args: string[]): string { return run(['ip', 'netns', 'exec', ns, ...args]) }

  create (kinds: NatKind[]): void {
    this.#ns(this.inet)
    for (const ip of INTRODUCERS) this.exec(this.inet, ['ip', 'addr', 'add', `${ip}/32`, 'dev', 'lo'])
    this.exec(this.inet, ['sysctl', '-qw', 'net.ipv4.ip_forward=1'])
    kinds.forEach((kind, i) => this.#site(i + 1, kind))
  }

  #site (i: number, kind: NatKind): void {
    const router = this.#ns(`${this.prefix}-r${i}`)
    const host = this.#ns(`${this.prefix}-h${i}`)
    const wanIp = `100.64.${i}.2`
    const lanIp = `192.168.${i}.2`
    run(['ip', 'link', 'add', 'wan', 'netns', router, 'type', 'veth', 'peer', 'name', `s${i}`, 'netns', this.inet])
    run(['ip', 'link', 'add', 'eth0', 'netns', host, 'type', 'veth', 'peer', 'name', 'lan', 'netns', router])
    this.exec(this.inet, ['ip', 'addr', 'add', `100.64.${i}.1/24`, 'dev', `s${i}`])
    this.exec(this.inet, ['ip', 'link', 'set', `s${i}`, 'up'])
    this.exec(router, ['ip', 'addr', 'add', `${wanIp}/24`, 'dev', 'wan'])
    this.exec(router, ['ip', 'addr', 'add', `192.168.${i}.1/24`, 'dev', 'lan'])
    this.exec(router, ['ip', 'link', 'set', 'wan', 'up'])
    this.exec(router, ['ip', 'link', 'set', 'lan', 'up'])
    this.exec(router, ['ip', 'route', 'add', 'default', 'via', `100.64.${i}.1`])
    this.exec(router, ['sysctl', '-qw', 'net.ipv4.ip_forward=1'])
    this.exec(host, ['ip', 'addr', 'add', `${lanIp}/24`, 'dev', 'eth0'])
    this.exec(host, ['ip', 'link', 'set', 'eth0', 'up'])
    this.exec(host, ['ip', 'route', 'add', 'default', 'via', `192.168.${i}.1`])
    execFileSync('ip', ['netns', 'exec', router, 'nft', '-f', '-'], { input: natRules(kind, lanIp) })
    this.sites.push({ index: i, kind, router, host, lanIp, wanIp })
  }

  /** Starts a Node program (a bundled .mjs) inside a namespace. */
  spawn (ns: string, script: string, args: string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    this.#children.push(child)
    return child
  }

  destroy (): void {
    for (const c of this.#children) c.kill()
    for (const ns of this.#namespaces.reverse()) { try { run(['ip', 'netns', 'del', ns]) } catch {} }
    this.#namespaces.length = 0
  }
}

/** nftables for one router. Conntrack gives port-restricted filtering; masquerade keeps the source port
 * (endpoint-independent mapping) unless `random` asks for a new port per destination (symmetric). A full cone
 * additionally forwards every inbound UDP port to the host. An address-restricted NAT forwards inbound UDP to a
 * mapping (a host port; masquerade keeps it) only from addresses that port sent to in the last 30 s (a timed set
 * of address . port refreshed by every outbound packet, which conntrack alone cannot express: it matches whole
 * address:port flows). Unsolicited packets to the router
 * itself are dropped, as home routers do: otherwise conntrack would record them, and a hole punch crossing one
 * of them would be mapped to a new port. */
export function natRules (kind: NatKind, lanIp: string): string {
  const forwardIn = kind === 'cone' || kind === 'address'
  return `
table ip nat {
  set contacted { type ipv4_addr . inet_service; flags timeout; timeout 30s; }
  chain remember {
    type filter hook forward priority -10; policy accept;
    ${kind === 'address' ? 'iifname "lan" oifname "wan" udp sport 1024-65535 update @contacted { ip daddr . udp sport timeout 30s }' : ''}
  }
  chain prerouting {
    type nat hook prerouting priority -100;
    ${kind === 'cone' ? `iifname "wan" udp dport 1024-65535 dnat to ${lanIp}` : ''}
    ${kind === 'address' ? `iifname "wan" ip saddr . udp dport @contacted dnat to ${lanIp}` : ''}
  }
  chain postrouting {
    type nat hook postrouting priority 100;
    oifname "wan" masquerade ${kind === 'symmetric' ? 'random' : ''}
  }
}
table ip filter {
  chain input {
    type filter hook input priority 0; policy accept;
    iifname "wan" ct state new drop
  }
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    iifname "lan" accept
    ${forwardIn ? 'iifname "wan" ct status dnat accept' : ''}
  }
}
`
}
