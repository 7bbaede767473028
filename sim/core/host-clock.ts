// The Clock one peer sees. It shares the simulation's virtual time but belongs to one host: while the
// host sleeps its timers are held back and fire on waking (like a suspended laptop), and when the host
// leaves the network all of its timers are cancelled, so a departed peer can never act again.
import type { Clock, TimerHandle } from '../../runtime-js/peer/transport.ts'
import type { Simulation } from './simulation.ts'
import type { SimEvent } from './event-queue.ts'

interface HostTimer { event: SimEvent | null, fn: () => void, due: number }

export class HostClock implements Clock {
  private timers = new Set<HostTimer>()
  private held: HostTimer[] = []
  private asleep = false
  private dead = false

  constructor (private readonly sim: Simulation, private readonly epoch: number, private readonly onError: (error: unknown) => void) {}

  now (): number { return this.epoch + this.sim.now }

  setTimeout (fn: () => void, ms: number): TimerHandle {
    const timer: HostTimer = { event: null, fn, due: this.sim.now + Math.max(0, Number(ms) || 0) }
    if (this.dead) return timer
    this.timers.add(timer)
    timer.event = this.sim.at(timer.due, () => this.fire(timer))
    return timer
  }

  clearTimeout (handle: TimerHandle): void {
    const timer = handle as HostTimer
    if (timer === null || typeof timer !== 'object' || !this.timers.has(timer)) return
    this.timers.delete(timer)
    if (timer.event !== null) timer.event.cancelled = true
    const i = this.held.indexOf(timer)
    if (i >= 0) this.held.splice(i, 1)
  }

  get pendingTimers (): number { return this.timers.size }

  sleep (): void { this.asleep = true }

  /** Fires every timer that came due during sleep, in due order, at the moment of waking. */
  wake (): void {
    if (!this.asleep) return
    this.asleep = false
    const held = this.held
    this.held = []
    for (const timer of held) {
      if (this.timers.has(timer)) timer.event = this.sim.after(0, () => this.fire(timer))
    }
  }

  /** The host left: nothing it scheduled may run any more. */
  kill (): void {
    this.dead = true
    for (const timer of this.timers) if (timer.event !== null) timer.event.cancelled = true
    this.timers.clear()
    this.held = []
  }

  private fire (timer: HostTimer): void {
    if (this.dead || !this.timers.has(timer)) return
    if (this.asleep) { timer.event = null; this.held.push(timer); return }
    this.timers.delete(timer)
    try { timer.fn() } catch (error) { this.onError(error) }
  }
}
