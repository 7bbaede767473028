// A NAT lab from Linux network namespaces: one "internet" namespace holding two public introducer addresses,
// and per site a router namespace (nftables NAT of the chosen kind) and a host namespace behind it. Links can
// be shaped (delay, jitter, loss): with `tc netem` where the kernel has it, else with a userspace TUN shaper
// (fixtures/tun-shaper.py). Every name starts with a prefix unique to this process, and `destroy()` deletes
// exactly what `create()` made. docs/netns-lab.md describes the lab and its results.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { setPriority } from 'node:os'
import { createInterface } from 'node:readline'

/** open = no NAT (the host has a public address); cone = full cone; address / port = address- / port-restricted
 * cone (endpoint-independent mapping); symmetric = a new mapping per destination. */
export type NatKind = 'open' | 'cone' | 'address' | 'port' | 'symmetric'
export const NAT_KINDS: NatKind[] = ['open', 'cone', 'address', 'port', 'symmetric']
/** Per site uplink and direction: a packet between two sites crosses two links, to an introducer one. */
export interface Shaping { delayMs: number, jitterMs: number, lossPercent: number, seed?: number }
export interface ShaperStats { packets: number, dropped: number, queueDrops: number, meanLateMs: number, maxLateMs: number, lateOver50: number }
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

  /** How the links are shaped: 'none', 'netem' (kernel qdisc) or 'userspace TUN shaper' (no sch_netem here). */
  shaping: 'none' | 'netem' | 'userspace TUN shaper' = 'none'
  /** Why `tc qdisc add … netem` was not used, when it was not. */
  netemUnavailable?: string
  #shaper?: ChildProcess

  async create (kinds: NatKind[], shape?: Shaping): Promise<void> {
    this.#ns(this.inet)
    for (const ip of INTRODUCERS) this.exec(this.inet, ['ip', 'addr', 'add', `${ip}/32`, 'dev', 'lo'])
    this.exec(this.inet, ['sysctl', '-qw', 'net.ipv4.ip_forward=1'])
    kinds.forEach((kind, i) => this.#site(i + 1, kind))
    if (shape !== undefined && (shape.delayMs > 0 || shape.lossPercent > 0)) await this.#shape(shape)
  }

  /** netem on both ends of every site uplink; if the kernel has no netem, every packet through the core goes
   * through the userspace shaper instead (policy routing into a TUN device and back). */
  async #shape (s: Shaping): Promise<void> {
    const netem = ['netem', 'delay', `${s.delayMs}ms`, `${s.jitterMs}ms`, 'loss', `${s.lossPercent}%`]
    try {
      for (const site of this.sites) {
        this.exec(this.inet, ['tc', 'qdisc', 'add', 'dev', `s${site.index}`, 'root', ...netem])
        this.exec(site.router, ['tc', 'qdisc', 'add', 'dev', 'wan', 'root', ...netem])
      }
      this.shaping = 'netem'
      return
    } catch (err) {
      this.netemUnavailable = String((err as Error & { stderr?: string }).stderr ?? (err as Error).message).trim().split('\n')[0]
      for (const site of this.sites) {
        try { this.exec(this.inet, ['tc', 'qdisc', 'del', 'dev', `s${site.index}`, 'root']) } catch {}
        try { this.exec(site.router, ['tc', 'qdisc', 'del', 'dev', 'wan', 'root']) } catch {}
      }
    }
    const shaper = this.spawnCommand(this.inet, ['python3', new URL('./fixtures/tun-shaper.py', import.meta.url).pathname,
      'shape', String(s.delayMs), String(s.jitterMs), String(s.lossPercent), String(s.seed ?? 1)])
    this.#shaper = shaper
    // netem works in the kernel, ahead of every process; its stand-in must not queue packets behind a loaded
    // machine's processes either (at nice 10 under load 15 it added seconds of delay and dropped at its queue).
    if (shaper.pid !== undefined) setPriority(shaper.pid, -10)
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: shaper.stdout as NodeJS.ReadableStream }).once('line', l => l === 'ready' ? resolve() : reject(new Error(`shaper: ${l}`)))
      shaper.once('exit', code => reject(new Error(`the TUN shaper exited (${code})`)))
    })
    const x = (args: string[]): string => this.exec(this.inet, args)
    x(['ip', 'link', 'set', 'shape', 'up', 'txqueuelen', '1000']) // netem's default queue limit (a TUN's is 500)
    for (const k of ['all', 'default', 'shape']) x(['sysctl', '-qw', `net.ipv4.conf.${k}.rp_filter=0`])
    x(['sysctl', '-qw', 'net.ipv4.conf.shape.accept_local=1'])
    x(['ip', 'route', 'add', 'default', 'dev', 'shape', 'table', '100'])
    // The local table must come after the rules that send a site's packets to the shaper: at its usual place
    // (pref 0) it delivered every packet to an introducer straight, unshaped (found by a UDP echo: 30 ms round trips).
    x(['ip', 'rule', 'add', 'pref', '100', 'lookup', 'local'])
    x(['ip', 'rule', 'del', 'pref', '0', 'lookup', 'local'])
    x(['ip', 'rule', 'add', 'pref', '10', 'iif', 'shape', 'lookup', 'local'])
    x(['ip', 'rule', 'add', 'pref', '11', 'iif', 'shape', 'lookup', 'main'])
    // The core's own addresses facing the sites (each site's gateway) stay local: ARP asks the routing table.
    x(['ip', 'rule', 'add', 'pref', '15', 'to', '100.64.0.0/10', 'lookup', 'local'])
    for (const site of this.sites) x(['ip', 'rule', 'add', 'pref', '20', 'iif', `s${site.index}`, 'lookup', '100'])
    x(['ip', 'rule', 'add', 'pref', '20', 'from', '10.99.0.0/24', 'to', '100.64.0.0/10', 'lookup', '100'])
    this.shaping = 'userspace TUN shaper'
  }

  #site (i: number, kind: NatKind): void {
    const router = this.#ns(`${this.prefix}-r${i}`)
    const host = this.#ns(`${this.prefix}-h${i}`)
    const wanIp = `100.64.${i}.2`
    // An open host has a public address of its own, routed to it through its (non-translating) router.
    const lan = kind === 'open' ? `100.65.${i}` : `192.168.${i}`
    const lanIp = `${lan}.2`
    run(['ip', 'link', 'add', 'wan', 'netns', router, 'type', 'veth', 'peer', 'name', `s${i}`, 'netns', this.inet])
    run(['ip', 'link', 'add', 'eth0', 'netns', host, 'type', 'veth', 'peer', 'name', 'lan', 'netns', router])
    this.exec(this.inet, ['ip', 'addr', 'add', `100.64.${i}.1/24`, 'dev', `s${i}`])
    this.exec(this.inet, ['ip', 'link', 'set', `s${i}`, 'up'])
    this.exec(router, ['ip', 'addr', 'add', `${wanIp}/24`, 'dev', 'wan'])
    this.exec(router, ['ip', 'addr', 'add', `${lan}.1/24`, 'dev', 'lan'])
    this.exec(router, ['ip', 'link', 'set', 'wan', 'up'])
    this.exec(router, ['ip', 'link', 'set', 'lan', 'up'])
    this.exec(router, ['ip', 'route', 'add', 'default', 'via', `100.64.${i}.1`])
    this.exec(router, ['sysctl', '-qw', 'net.ipv4.ip_forward=1'])
    this.exec(host, ['ip', 'addr', 'add', `${lanIp}/24`, 'dev', 'eth0'])
    this.exec(host, ['ip', 'link', 'set', 'eth0', 'up'])
    this.exec(host, ['ip', 'route', 'add', 'default', 'via', `${lan}.1`])
    if (kind === 'open') this.exec(this.inet, ['ip', 'route', 'add', `${lan}.0/24`, 'via', wanIp])
    else execFileSync('ip', ['netns', 'exec', router, 'nft', '-f', '-'], { input: natRules(kind, lanIp) })
    this.sites.push({ index: i, kind, router, host, lanIp, wanIp })
  }

  /** Starts a Node program (a bundled .mjs) inside a namespace. */
  spawn (ns: string, script: string, args: string[]): ChildProcess {
    return this.spawnCommand(ns, [process.execPath, script, ...args])
  }

  spawnCommand (ns: string, command: string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, ...command], { stdio: ['pipe', 'pipe', 'inherit'] })
    this.#children.push(child)
    return child
  }

  /** Stops the shaper and returns what it saw (undefined without one): datagrams in, dropped by the loss draw,
   * dropped by the kernel because the shaper's queue was full (not asked for: the stand-in fell behind), and
   * how late (after their due time) it sent them on: mean, max, and how many over 50 ms. */
  async shaperStats (): Promise<ShaperStats | undefined> {
    const shaper = this.#shaper
    if (shaper === undefined || shaper.exitCode !== null) return undefined
    const queueDrops = Number(this.exec(this.inet, ['cat', '/sys/class/net/shape/statistics/tx_dropped']).trim())
    const line = new Promise<string>(resolve => createInterface({ input: shaper.stdout as NodeJS.ReadableStream }).on('line', l => { if (l.startsWith('stats')) resolve(l) }))
    shaper.kill('SIGTERM')
    const [, packets, dropped, meanLateMs, maxLateMs, lateOver50] = (await line).split(' ').map(Number)
    return { packets, dropped, queueDrops, meanLateMs, maxLateMs, lateOver50 }
  }

  destroy (): void {
    for (const c of this.#children) c.kill()
    for (const ns of this.#namespaces.reverse()) { try { run(['ip', 'netns', 'del', ns]) } catch {} }
    this.#namespaces.length = 0
  }
}

/** nftables for one NATing router. Conntrack gives port-restricted filtering; masquerade keeps the source port
 * (endpoint-independent mapping) unless `random` asks for a new port per destination (symmetric). A full cone
 * additionally forwards every inbound UDP port to the host. An address-restricted cone remembers, after
 * translation, each (destination address, external port) it sent from, and forwards inbound UDP from that
 * address, any source port, to that port of the host (the mapping keeps ports, so external = host port).
 * Unsolicited packets to the router itself are dropped, as home routers do: otherwise conntrack would record
 * them, and a hole punch crossing one of them would be mapped to a new port. */
export function natRules (kind: Exclude<NatKind, 'open'>, lanIp: string): string {
  return `
table ip nat {
  set sent { type ipv4_addr . inet_service; flags dynamic,timeout; timeout 180s; }
  chain prerouting {
    type nat hook prerouting priority -100;
    ${kind === 'cone' ? `iifname "wan" udp dport 1024-65535 dnat to ${lanIp}` : ''}
    ${kind === 'address' ? `iifname "wan" ip saddr . udp dport @sent dnat to ${lanIp}` : ''}
  }
  chain postrouting {
    type nat hook postrouting priority 100;
    oifname "wan" masquerade ${kind === 'symmetric' ? 'random' : ''}
  }
  chain remember {
    type filter hook postrouting priority 200;
    ${kind === 'address' ? 'oifname "wan" meta l4proto udp update @sent { ip daddr . udp sport }' : ''}
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
    ${kind === 'cone' || kind === 'address' ? 'iifname "wan" ct status dnat accept' : ''}
  }
}
`
}
