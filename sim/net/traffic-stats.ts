// Counters for datagrams and bytes, by kind of datagram and by reason of drop.

export interface KindCounters { sentDatagrams: number, sentBytes: number, deliveredDatagrams: number, deliveredBytes: number, dropped: number }

export class TrafficStats {
  readonly byKind = new Map<string, KindCounters>()
  readonly dropsByReason = new Map<string, number>()
  sentDatagrams = 0
  sentBytes = 0
  deliveredDatagrams = 0
  droppedDatagrams = 0

  /** The counters for one kind of datagram (the fabric keeps them with each datagram in flight). */
  kind (label: string): KindCounters {
    let counters = this.byKind.get(label)
    if (counters === undefined) {
      counters = { sentDatagrams: 0, sentBytes: 0, deliveredDatagrams: 0, deliveredBytes: 0, dropped: 0 }
      this.byKind.set(label, counters)
    }
    return counters
  }

  sent (k: KindCounters, bytes: number): void {
    this.sentDatagrams++
    this.sentBytes += bytes
    k.sentDatagrams++
    k.sentBytes += bytes
  }

  delivered (k: KindCounters, bytes: number): void {
    this.deliveredDatagrams++
    k.deliveredDatagrams++
    k.deliveredBytes += bytes
  }

  dropped (reason: string, k: KindCounters): void {
    this.droppedDatagrams++
    this.dropsByReason.set(reason, (this.dropsByReason.get(reason) ?? 0) + 1)
    k.dropped++
  }

  snapshot (): { sentDatagrams: number, sentBytes: number, deliveredDatagrams: number, droppedDatagrams: number } {
    return { sentDatagrams: this.sentDatagrams, sentBytes: this.sentBytes, deliveredDatagrams: this.deliveredDatagrams, droppedDatagrams: this.droppedDatagrams }
  }
}
