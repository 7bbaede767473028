// The Clock one peer sees. It shares the simulation's virtual time but belongs to one host: while the
// host sleeps its timers are held back and fire on waking (like a suspended laptop), and when the host
// leaves the network all of its timers are cancelled, so a departed peer can never act again.
//
// A timer is itself the queued event (no closure, no SimEvent beside it), and a host's pending timers form
// an intrusive doubly-linked list (no Set): adding, clearing and firing a timer allocate nothing more.
import type { Clock, TimerHandle } from '../../runtime-js/peer/transport.ts'
import type { Simulation } from './simulation.ts'
import type { SimEvent } from './event-queue.ts'

const QUEUED = 0, HELD = 1, DONE = 2

class HostTimer implements SimEvent {
  time = 0
  seq = 0
  cancelled = false
  /** QUEUED (in the simulation's queue), HELD (came due while the host slept) or DONE (fired or cleared). */
  state = QUEUED
  prev: HostTimer | null = null
  next: HostTimer | null = null

  constructor (readonly clock: HostClock, readonly fn: () => void, readonly due: number) {}

  run (): void { this.clock.fire(this) }
}

export class HostClock implements Clock {
  /** Pending (queued or held) timers, newest first. */
  private head: HostTimer | null = null
  private pending = 0
  private held: HostTimer[] = []
  private asleep = false
  private dead = false

  /** `skewMs`: how far this host's clock is off; `drift`: how much faster (>0) or slower it runs (1e-4 = 100 ppm). */
  constructor (private readonly sim: Simulation, private readonly epoch: number, private readonly onError: (error: unknown) => void,
    private readonly skewMs = 0, private readonly drift = 0) {}

  now (): number { return this.drift === 0 ? this.epoch + this.skewMs + this.sim.now : this.epoch + this.skewMs + this.sim.now * (1 + this.drift) }

  setTimeout (fn: () => void, ms: number): TimerHandle {
    // A fast clock's timers fire early in real (simulated) time, a slow one's late.
    const wait = Math.max(0, Number(ms) || 0)
    const timer = new HostTimer(this, fn, this.sim.now + (this.drift === 0 ? wait : wait / (1 + this.drift)))
    if (this.dead) { timer.state = DONE; return timer }
    this.link(timer)
    this.sim.schedule(timer, timer.due)
    return timer
  }

  clearTimeout (handle: TimerHandle): void {
    if (!(handle instanceof HostTimer) || handle.clock !== this || handle.state === DONE) return
    if (handle.state === QUEUED) handle.cancelled = true
    else {
      const i = this.held.indexOf(handle)
      if (i >= 0) this.held.splice(i, 1)
    }
    this.unlink(handle)
  }

  get pendingTimers (): number { return this.pending }

  sleep (): void { this.asleep = true }

  /** Fires every timer that came due during sleep, in due order, at the moment of waking. */
  wake (): void {
    if (!this.asleep) return
    this.asleep = false
    const held = this.held
    this.held = []
    for (const timer of held) {
      if (timer.state !== HELD) continue
      timer.state = QUEUED
      this.sim.schedule(timer, this.sim.now)
    }
  }

  /** The host left: nothing it scheduled may run any more. */
  kill (): void {
    this.dead = true
    for (let timer = this.head; timer !== null; timer = timer.next) {
      if (timer.state === QUEUED) timer.cancelled = true
      timer.state = DONE
    }
    this.head = null
    this.pending = 0
    this.held = []
  }

  /** Called by the queue when the timer's time comes (HostTimer.run). */
  fire (timer: HostTimer): void {
    if (this.dead || timer.state !== QUEUED) return
    if (this.asleep) { timer.state = HELD; this.held.push(timer); return }
    this.unlink(timer)
    try { timer.fn() } catch (error) { this.onError(error) }
  }

  private link (timer: HostTimer): void {
    timer.next = this.head
    if (this.head !== null) this.head.prev = timer
    this.head = timer
    this.pending++
  }

  private unlink (timer: HostTimer): void {
    timer.state = DONE
    if (timer.prev !== null) timer.prev.next = timer.next
    else this.head = timer.next
    if (timer.next !== null) timer.next.prev = timer.prev
    timer.prev = null
    timer.next = null
    this.pending--
  }
}
