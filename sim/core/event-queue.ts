// A binary min-heap of timed events. Ties at the same virtual time keep insertion order (seq), which is
// what makes a run repeatable: the order of equal-time events never depends on heap internals.

export interface SimEvent {
  time: number
  seq: number
  run: () => void
  /** Set by cancel(); a cancelled event stays in the heap and is skipped when popped (cheaper than removal). */
  cancelled: boolean
}

export class EventQueue {
  private heap: SimEvent[] = []
  private nextSeq = 0

  get size (): number { return this.heap.length }

  push (time: number, run: () => void): SimEvent {
    const event: SimEvent = { time, seq: this.nextSeq++, run, cancelled: false }
    const heap = this.heap
    heap.push(event)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(event, heap[parent])) break
      heap[i] = heap[parent]
      i = parent
    }
    heap[i] = event
    return event
  }

  peek (): SimEvent | undefined { return this.heap[0] }

  pop (): SimEvent | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (top === undefined || last === undefined || heap.length === 0) return top
    let i = 0
    const n = heap.length
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      const child = right < n && before(heap[right], heap[left]) ? right : left
      if (!before(heap[child], last)) break
      heap[i] = heap[child]
      i = child
    }
    heap[i] = last
    return top
  }
}

function before (a: SimEvent, b: SimEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq)
}
