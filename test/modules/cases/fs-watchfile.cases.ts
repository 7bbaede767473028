// Observations of fs.watchFile/unwatchFile on real files (part of the fs case file): which (curr, prev)
// pairs the listeners get as a file is written, deleted and recreated, shared watchers, 'stop', and Node's
// argument errors. A short interval; every step waits for its event, so the sequence is deterministic.
import type * as NodeFs from 'node:fs'
import type { Observer } from '../harness/observe.ts'

type Fs = typeof NodeFs
type AnyStats = NodeFs.Stats | NodeFs.BigIntStats
type Err = (label: string, fn: () => unknown) => Promise<void>

const interval = 50
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `ready()` (polled), failing after 15 s: a webview's hidden page runs timers slowly. */
async function until (what: string, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`watchFile: no ${what} within 15 s`)
    await sleep(20)
  }
}

function summary (fs: Fs, s: AnyStats): Record<string, unknown> {
  return {
    size: Number(s.size),
    isFile: s.isFile(),
    zeroed: Number(s.ino) === 0 && Number(s.mtimeMs) === 0 && s.mtime.getTime() === 0 && Number(s.mode) === 0,
    isStats: s instanceof fs.Stats
  }
}

/** A listener recording every call as [curr, prev] summaries. */
function recorder (fs: Fs): { calls: unknown[], listener: (curr: AnyStats, prev: AnyStats) => void } {
  const calls: unknown[] = []
  return { calls, listener: (curr, prev) => { calls.push([summary(fs, curr), summary(fs, prev)]) } }
}

export async function observeWatchFile (fs: Fs, dir: string, o: Observer, err: Err): Promise<void> {
  const at = (name: string): string => `${dir}/${name}`
  const file = at('wf-a.txt')
  fs.writeFileSync(file, 'one')

  const first = recorder(fs)
  const second = recorder(fs)
  let stops = 0
  const watcher = fs.watchFile(file, { interval }, first.listener)
  watcher.on('stop', () => { stops++ })
  // The first stat only takes the baseline; a write before it would be the baseline itself.
  await sleep(300)
  o.see('watchFile: nothing reported before a change', () => first.calls.length)
  await o.seeAsync('watchFile: an append gives (curr, prev)', async () => {
    fs.appendFileSync(file, ' two')
    await until('change after an append', () => first.calls.length === 1)
    return first.calls[0]
  })
  o.see('watchFile: a second listener shares the watcher', () => fs.watchFile(file, { interval: 10 }, second.listener) === watcher)
  await o.seeAsync('watchFile: both listeners see the next change', async () => {
    fs.appendFileSync(file, ' three')
    await until('change for both listeners', () => first.calls.length === 2 && second.calls.length === 1)
    return [first.calls[1], second.calls[0]]
  })
  await o.seeAsync('unwatchFile(path, listener) removes only that listener', async () => {
    fs.unwatchFile(file, first.listener)
    fs.writeFileSync(file, 'rewritten, longer')
    await until('change for the remaining listener', () => second.calls.length === 2)
    return [first.calls.length, second.calls[1], stops]
  })
  await o.seeAsync('unwatchFile(path) stops the watcher', async () => {
    fs.unwatchFile(file)
    await until('stop event', () => stops === 1)
    fs.appendFileSync(file, '!')
    await sleep(400)
    return [first.calls.length, second.calls.length, stops]
  })
  o.see('watchFile: ref and unref return the watcher', () => [watcher.ref() === watcher, watcher.unref() === watcher])

  const missing = at('wf-missing.txt')
  const late = recorder(fs)
  fs.watchFile(missing, { interval, persistent: false }, late.listener)
  await o.seeAsync('watchFile on a missing file: one call, all zeroed', async () => {
    await until('report of the missing file', () => late.calls.length === 1)
    return late.calls[0]
  })
  await o.seeAsync('watchFile: the file appears', async () => {
    fs.writeFileSync(missing, 'now here')
    await until('change for the new file', () => late.calls.length === 2)
    return late.calls[1]
  })
  await o.seeAsync('watchFile: the file is deleted', async () => {
    fs.unlinkSync(missing)
    await until('change for the deletion', () => late.calls.length === 3)
    return late.calls[2]
  })
  await o.seeAsync('watchFile: the file is recreated (prev is the one before deletion)', async () => {
    fs.writeFileSync(missing, 'back')
    await until('change for the recreation', () => late.calls.length === 4)
    fs.unwatchFile(missing, late.listener)
    return late.calls[3]
  })

  await o.seeAsync('watchFile bigint', async () => {
    const calls: unknown[] = []
    const listener = (curr: NodeFs.BigIntStats, prev: NodeFs.BigIntStats): void => { calls.push([typeof curr.size, curr.size === 0n, typeof prev.mtimeNs]) }
    fs.watchFile(at('wf-nothing.txt'), { interval, bigint: true }, listener)
    await until('bigint report', () => calls.length === 1)
    fs.unwatchFile(at('wf-nothing.txt'))
    return calls
  })

  await err('watchFile without a listener', () => (fs.watchFile as (...args: unknown[]) => unknown)(file, { interval }))
  await err('watchFile options without a listener', () => fs.watchFile(file, {} as unknown as () => void))
  await err('watchFile bad path type', () => fs.watchFile(42 as unknown as string, () => {}))
  await err('watchFile interval not a number', () => fs.watchFile(file, { interval: '5' as unknown as number }, () => {}))
  await err('watchFile interval negative', () => fs.watchFile(file, { interval: -1 }, () => {}))
  await err('watchFile interval not an integer', () => fs.watchFile(file, { interval: 1.5 }, () => {}))
  await err('watchFile interval undefined', () => fs.watchFile(file, { interval: undefined }, () => {}))
  await err('unwatchFile of a path never watched', () => fs.unwatchFile(at('wf-never.txt')))
  await err('unwatchFile bad path type', () => fs.unwatchFile({} as unknown as string))
  await o.seeAsync('after a refused interval the path can be watched afresh', async () => {
    const again = recorder(fs)
    fs.watchFile(file, { interval }, again.listener)
    await sleep(300)
    fs.appendFileSync(file, '?')
    await until('change after a refused watchFile', () => again.calls.length === 1)
    fs.unwatchFile(file)
    return again.calls
  })
}
