// FileHandle.readLines(): the lines of a read stream as Node's readline gives them with crlfDelay Infinity
// ("\n", "\r\n" and a lone "\r" end a line; a last line without one is still a line), as an async iterable
// that also emits 'line' and 'close'. There is no socket:readline; this is only the part readLines needs.
import EventEmitter from 'events/events.js'
import type { Readable } from 'readable-stream'

/** Lines queued for an iterator before the stream is paused: bounds memory on a file read faster than used. */
const QUEUE_LIMIT = 1024

/** Splits decoded text into lines across chunk boundaries (a "\r" ending one chunk and "\n" starting the next is one break). */
export class LineSplitter {
  #pending = ''
  #sawReturn = false

  push (text: string): string[] {
    if (this.#sawReturn && text.startsWith('\n')) text = text.slice(1)
    this.#sawReturn = false
    const parts = (this.#pending + text).split(/\r\n|\n|\r/)
    this.#pending = parts.pop() as string
    if (this.#pending === '' && text.endsWith('\r')) this.#sawReturn = true
    return parts
  }

  /** The last line, if the input did not end with a line break. */
  end (): string[] {
    const last = this.#pending
    this.#pending = ''
    return last === '' ? [] : [last]
  }
}

export class LineReader extends EventEmitter implements AsyncIterable<string> {
  readonly #input: Readable
  readonly #onEnd: () => Promise<void>
  readonly #splitter = new LineSplitter()
  // Bytes are UTF-8 unless the stream decodes them itself (an `encoding` option); the BOM is kept, as Node.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  readonly #queue: string[] = []
  #started = false
  #iterating = false
  #closed = false
  #finished = false
  #failure: Error | undefined
  #wake: (() => void) | undefined

  /** `onEnd` runs once the input is done or closed early (FileHandle: close the handle when autoClose). */
  constructor (input: Readable, onEnd: () => Promise<void>) {
    super()
    this.#input = input
    this.#onEnd = onEnd
    // As readline, lines flow once someone listens for them; an iterator pulls them instead.
    this.on('newListener', (event: string) => { if (event === 'line') queueMicrotask(() => this.#start()) })
  }

  close (): void {
    if (this.#closed) return
    this.#input.destroy()
    void this.#finish()
  }

  [Symbol.asyncIterator] (): AsyncIterator<string> {
    this.#iterating = true
    this.#start()
    return {
      next: async () => {
        while (this.#queue.length === 0 && !this.#finished && this.#failure === undefined) {
          await new Promise<void>((resolve) => { this.#wake = resolve })
        }
        if (this.#queue.length > 0) {
          const value = this.#queue.shift() as string
          if (this.#queue.length < QUEUE_LIMIT / 2 && this.#input.isPaused()) this.#input.resume()
          return { done: false, value }
        }
        if (this.#failure !== undefined) throw this.#failure
        return { done: true, value: undefined }
      },
      return: async () => {
        this.#input.destroy()
        await this.#finish()
        return { done: true, value: undefined }
      }
    }
  }

  #start (): void {
    if (this.#started) return
    this.#started = true
    this.#input.on('data', (chunk: string | Uint8Array) => {
      const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true })
      this.#deliver(this.#splitter.push(text))
      if (this.#iterating && this.#queue.length >= QUEUE_LIMIT) this.#input.pause()
    })
    this.#input.once('end', () => {
      // An incomplete UTF-8 sequence at the very end is dropped, as readline drops it (it never ends its decoder).
      this.#deliver(this.#splitter.end())
      void this.#finish()
    })
    this.#input.once('error', (error: Error) => {
      this.#failure = error
      if (!this.#iterating) this.emit('error', error)
      void this.#finish()
    })
  }

  #deliver (lines: string[]): void {
    for (const line of lines) {
      if (this.#closed) return
      this.emit('line', line)
      if (this.#iterating) this.#queue.push(line)
    }
    this.#wake?.()
  }

  async #finish (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.emit('close')
    try {
      await this.#onEnd()
    } catch (error) {
      this.#failure ??= error as Error
    }
    this.#finished = true
    this.#wake?.()
  }
}
