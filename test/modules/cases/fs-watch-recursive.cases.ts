// Observations of fs.watch(dir, { recursive: true }) on a real tree (part of the fs case file): changes at any
// depth named relative to the watched directory, in directories that existed, that were created (or moved in)
// while watching, a tree made in one go, and nothing after close. Which events the OS sends, and how many,
// differs between Node's watcher and the host's, so each step observes the first event naming the path.
import type * as NodeFs from 'node:fs'
import type { Observer } from '../harness/observe.ts'

type Fs = typeof NodeFs
interface Seen { kind: string, name: string }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export async function observeRecursiveWatch (fs: Fs, dir: string, o: Observer): Promise<void> {
  const root = `${dir}/rw`
  const at = (name: string): string => `${root}/${name}`
  fs.mkdirSync(at('a/b'), { recursive: true })
  fs.writeFileSync(at('a/b/old.txt'), 'x')

  const seen: Seen[] = []
  const watcher = fs.watch(root, { recursive: true }, (kind, name) => { seen.push({ kind, name: String(name) }) })
  let failure: unknown
  watcher.on('error', (error) => { failure = error })
  await sleep(300)

  /** Runs `act`, then waits (up to 5 s; events come in milliseconds) for an event naming `name`. */
  const step = async (label: string, name: string, act: () => void): Promise<void> => {
    await o.seeAsync(label, async () => {
      const from = seen.length
      act()
      const deadline = Date.now() + 5_000
      while (Date.now() < deadline) {
        const hit = seen.slice(from).find((event) => event.name === name)
        if (hit !== undefined) return hit
        await sleep(20)
      }
      return `no event for ${name}`
    })
  }

  await step('watch recursive: a new file two levels down', 'a/b/new.txt', () => fs.writeFileSync(at('a/b/new.txt'), 'n'))
  await step('watch recursive: an append two levels down', 'a/b/old.txt', () => fs.appendFileSync(at('a/b/old.txt'), 'y'))
  await step('watch recursive: a new directory', 'a/c', () => fs.mkdirSync(at('a/c')))
  await step('watch recursive: a file in the new directory', 'a/c/in-c.txt', () => fs.writeFileSync(at('a/c/in-c.txt'), 'c'))
  await step('watch recursive: a tree made at once', 'd/e/deep.txt', () => { fs.mkdirSync(at('d/e'), { recursive: true }); fs.writeFileSync(at('d/e/deep.txt'), 'z') })
  await step('watch recursive: later, in that tree', 'd/e/later.txt', () => fs.writeFileSync(at('d/e/later.txt'), 'l'))
  await step('watch recursive: a directory renamed', 'f', () => fs.renameSync(at('d'), at('f')))
  await step('watch recursive: a file in the renamed directory', 'f/e/x.txt', () => fs.writeFileSync(at('f/e/x.txt'), 'x'))
  await step('watch recursive: a file renamed, its new name', 'a/b/renamed.txt', () => fs.renameSync(at('a/b/new.txt'), at('a/b/renamed.txt')))
  await step('watch recursive: a directory removed with its file', 'a/c', () => fs.rmSync(at('a/c'), { recursive: true }))
  await step('watch recursive: a chmod', 'a/b/old.txt', () => fs.chmodSync(at('a/b/old.txt'), 0o600))
  o.see('watch recursive: every name is relative', () => seen.every((event) => !event.name.startsWith('/') && !event.name.includes(root)))
  o.see('watch recursive: no error', () => failure === undefined)
  await o.seeAsync('watch recursive: nothing after close', async () => {
    watcher.close()
    await sleep(100)
    const from = seen.length
    fs.writeFileSync(at('a/b/after-close.txt'), 'q')
    await sleep(500)
    return seen.length - from
  })

  // No `encoding: 'buffer'` case: Node 20's recursive watcher on Linux passes strings regardless.
  await o.seeAsync('fs/promises watch recursive', async () => {
    const controller = new AbortController()
    const iterator = fs.promises.watch(root, { recursive: true, signal: controller.signal })
    setTimeout(() => fs.writeFileSync(at('a/b/iterated.txt'), 'i'), 300)
    const timeout = setTimeout(() => controller.abort(), 15_000)
    try {
      for await (const { eventType, filename } of iterator) {
        if (filename === 'a/b/iterated.txt') return eventType
      }
      return 'ended'
    } catch (error) {
      return (error as Error).name
    } finally {
      clearTimeout(timeout)
      controller.abort()
    }
  })
}
