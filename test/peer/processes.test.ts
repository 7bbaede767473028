// Peers in separate processes (each its own Node, its own sockets) meet through an introducer and talk.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { bundleFixture, startNetwork, waitFor } from './helpers.ts'

interface Child { proc: ChildProcess, lines: any[] }

function spawnPeer (bootPort: number, room: string): Child {
  const proc = spawn(process.execPath, [bundleFixture('peer-process.ts'), String(bootPort), room], { stdio: ['pipe', 'pipe', 'inherit'] })
  const child: Child = { proc, lines: [] }
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', l => child.lines.push(JSON.parse(l)))
  return child
}

test('three peer processes join a room through an introducer and each gets the others\' messages once', async (t) => {
  const [intro, second] = await startNetwork(0)
  const children = [0, 1, 2].map(() => spawnPeer(intro.local?.port as number, 'process-room'))
  t.after(() => { for (const c of children) c.proc.kill(); intro.close(); second.close() })
  await waitFor('children ready', () => children.every(c => c.lines.some(l => l.ready)), 60_000)
  await waitFor('children to see each other join', () => children.every(c => c.lines.filter(l => l.join).length >= 2), 60_000)
  children[0].proc.stdin?.write('from zero\n')
  children[1].proc.stdin?.write('from one\n')
  await waitFor('messages to arrive', () => children.every(c => c.lines.filter(l => l.packet).length >= (c === children[2] ? 2 : 1)), 15_000)
  await new Promise(resolve => setTimeout(resolve, 500))
  const texts = (c: Child): string[] => c.lines.filter(l => l.packet).map(l => l.packet.text).sort()
  assert.deepEqual(texts(children[0]), ['from one'])
  assert.deepEqual(texts(children[1]), ['from zero'])
  assert.deepEqual(texts(children[2]), ['from one', 'from zero'])
})
