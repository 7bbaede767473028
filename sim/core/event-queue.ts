// A binary min-heap of timed events. Ties at the same virtual time keep insertion order (seq), which is
// what makes a run repeatable: the order of equal-time events never depends on heap internals.
//
// The sort keys (time, seq) live in one Float64Array beside the array of events, so sifting through a heap
// of hundreds of thousands of pending datagrams compares numbers in a few cache lines instead of following a
// pointer to an object per comparison. Any object with the SimEvent fields can be queued (schedule()): the
// fabric queues its datagram records and the host clocks their timers directly, with no closure per event.

export interface SimEvent {
  time: number
  seq: number
  /** Set by cancel(); a cancelled event stays in the heap and is skipped when popped (cheaper than removal). */
  cancelled: boolean
  run (): void
}

/** The event for a plain callback (sim.at / sim.after). */
class CallbackEvent implements SimEvent {
  seq = 0
  cancelled = false
  constructor (public time: number, readonly callback: () => void) {}
  run (): void { this.callback() }
}

export class EventQueue {
  private events: Array<SimEvent | undefined> = []
  /** keys[2i] = time, keys[2i + 1] = seq of events[i]. */
  private keys = new Float64Array(2048)
  private length = 0
  private nextSeq = 0

  get size (): number { return this.length }

  push (time: number, run: () => void): SimEvent {
    return this.schedule(new CallbackEvent(time, run), time)
  }

  /** Queues an event object at `time` (sets its time and seq). It must not already be in the queue. */
  schedule<E extends SimEvent> (event: E, time: number): E {
    const seq = this.nextSeq++
    event.time = time
    event.seq = seq
    event.cancelled = false
    if (2 * this.length === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2)
      grown.set(this.keys)
      this.keys = grown
    }
    const keys = this.keys
    const events = this.events
    let i = this.length++
    while (i > 0) {
      const parent = (i - 1) >> 1
      const parentTime = keys[2 * parent]
      if (time > parentTime || (time === parentTime && seq > keys[2 * parent + 1])) break
      keys[2 * i] = parentTime
      keys[2 * i + 1] = keys[2 * parent + 1]
      events[i] = events[parent]
      i = parent
    }
    keys[2 * i] = time
    keys[2 * i + 1] = seq
    events[i] = event
    return event
  }

  peek (): SimEvent | undefined { return this.length === 0 ? undefined : this.events[0] }

  /** Virtual time of the earliest event, or Infinity when empty (no object access). */
  peekTime (): number { return this.length === 0 ? Infinity : this.keys[0] }

  pop (): SimEvent | undefined {
    if (this.length === 0) return undefined
    const events = this.events
    const keys = this.keys
    const top = events[0]
    const n = --this.length
    const last = events[n]
    events[n] = undefined
    if (n === 0) return top
    const lastTime = keys[2 * n]
    const lastSeq = keys[2 * n + 1]
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      let child = left
      let childTime = keys[2 * left]
      let childSeq = keys[2 * left + 1]
      const right = left + 1
      if (right < n) {
        const rightTime = keys[2 * right]
        if (rightTime < childTime || (rightTime === childTime && keys[2 * right + 1] < childSeq)) {
          child = right
          childTime = rightTime
          childSeq = keys[2 * right + 1]
        }
      }
      if (childTime > lastTime || (childTime === lastTime && childSeq > lastSeq)) break
      keys[2 * i] = childTime
      keys[2 * i + 1] = childSeq
      events[i] = events[child]
      i = child
    }
    keys[2 * i] = lastTime
    keys[2 * i + 1] = lastSeq
    events[i] = last
    return top
  }
}
