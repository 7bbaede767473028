// Observations of FileHandle.readLines() on real files (part of the fs case file): line breaks of every kind,
// also split across chunks, encodings, start, autoClose, breaking out of the loop, 'line'/'close' events,
// a file of many chunks, and a closed handle.
import type * as NodeFs from 'node:fs'
import type { Observer } from '../harness/observe.ts'

type Fs = typeof NodeFs
type Err = (label: string, fn: () => unknown) => Promise<void>

export async function observeReadLines (fs: Fs, dir: string, o: Observer, err: Err): Promise<void> {
  const p = fs.promises
  const at = (name: string): string => `${dir}/${name}`
  const linesOf = async (content: string | Uint8Array, options?: object): Promise<unknown[]> => {
    await p.writeFile(at('rl.txt'), content)
    const handle = await p.open(at('rl.txt'))
    const lines: string[] = []
    for await (const line of handle.readLines(options)) lines.push(line)
    return [lines, handle.fd]
  }

  await o.seeAsync('readLines: \\r\\n, \\r, \\n, an empty line, a last line without a break', async () => await linesOf('a\r\nb\rc\n\nd\u00e9'))
  await o.seeAsync('readLines: empty file', async () => await linesOf(''))
  await o.seeAsync('readLines: one line ending in \\n', async () => await linesOf('x\n'))
  await o.seeAsync('readLines: one line ending in \\r', async () => await linesOf('x\r'))
  await o.seeAsync('readLines: only breaks', async () => await linesOf('\n\r\n\r\r\n'))
  await o.seeAsync('readLines: \\r\\n split across chunks', async () => await linesOf('ab\r\ncd\r\n\r\nef', { highWaterMark: 3 }))
  await o.seeAsync('readLines: multibyte characters and a BOM across 3-byte chunks', async () => await linesOf('\ufeffbom\n\u00e9\u00e9\u00e9\u20ac\n\u{1f600}!'.repeat(2), { highWaterMark: 3 }))
  await o.seeAsync('readLines: invalid UTF-8 at the end', async () => await linesOf(Uint8Array.from([104, 105, 10, 0xe2, 0x82])))
  await o.seeAsync('readLines: latin1 from byte 3, autoClose false', async () => {
    await p.writeFile(at('rl.txt'), 'a\r\nb\u00e9\nc')
    const handle = await p.open(at('rl.txt'))
    const lines: string[] = []
    for await (const line of handle.readLines({ encoding: 'latin1', start: 3, autoClose: false })) lines.push(line)
    const stillOpen = handle.fd >= 0
    await handle.close()
    return [lines, stillOpen, handle.fd]
  })
  await o.seeAsync('readLines: closing the handle after autoClose closed it', async () => {
    await p.writeFile(at('rl.txt'), 'one\ntwo\n')
    const handle = await p.open(at('rl.txt'))
    let closes = 0
    ;(handle as unknown as NodeJS.EventEmitter).on('close', () => { closes++ })
    for await (const line of handle.readLines()) void line
    await handle.close()
    return [handle.fd, closes]
  })
  await o.seeAsync('readLines: break closes the handle', async () => {
    await p.writeFile(at('rl.txt'), 'one\ntwo\nthree\n')
    const handle = await p.open(at('rl.txt'))
    const seen: string[] = []
    for await (const line of handle.readLines()) { seen.push(line); break }
    await new Promise((resolve) => setTimeout(resolve, 100))
    return [seen, handle.fd]
  })
  await o.seeAsync('readLines: line and close events', async () => {
    await p.writeFile(at('rl.txt'), 'one\ntwo\r\nthree')
    const handle = await p.open(at('rl.txt'))
    const events: string[] = []
    await new Promise<void>((resolve) => {
      const reader = handle.readLines()
      reader.on('line', (line: string) => events.push(line))
      reader.on('close', () => { events.push('close'); resolve() })
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    return [events, handle.fd]
  })
  await o.seeAsync('readLines: 20,000 lines over many chunks', async () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n')
    await p.writeFile(at('rl-big.txt'), text)
    const handle = await p.open(at('rl-big.txt'))
    let count = 0
    let last = ''
    let slow = 0
    for await (const line of handle.readLines({ highWaterMark: 16 * 1024 })) {
      count++
      last = line
      // Yield now and then so the reader outpaces the loop and has to hold lines back.
      if (count % 5000 === 0) { slow++; await new Promise((resolve) => setTimeout(resolve, 10)) }
    }
    return [count, last, slow, handle.fd]
  })
  await err('readLines on a closed handle', async () => { const handle = await p.open(at('rl.txt')); await handle.close(); handle.readLines() })
}
