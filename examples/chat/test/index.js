// Run by `ssc build -r --test=test/index.js examples/chat -- --bootstrap=… --name=… --expect=…`: this window
// sends a greeting through the real UI and waits until the other window's greeting shows in its list.
import { test } from 'socket:test'

const argv = globalThis.__args?.argv ?? []
const option = (name) => argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3)

test('two chat windows exchange messages through socket:network', async (t) => {
  const t0 = Date.now()
  await t.waitFor(() => globalThis.chat, { timeout: 20000 })
  const { name, members, net, reachableAt } = globalThis.chat
  t.comment?.(`chat ready after ${Date.now() - t0} ms`)
  // The window shows where this peer can be reached and how to point a second one at it.
  const hint = await t.waitForText('#messages', { text: '--bootstrap=', timeout: 30000 })
  const at = reachableAt(net.getInfo())
  t.ok(at.length > 0 && hint.textContent.includes(`This peer is at ${at[0]}`) && hint.textContent.includes(`--bootstrap=${at[0]}`), `the chat shows its address ${at[0]} and the --bootstrap for a second peer`)
  // For the runner, which may start a second window with it (test/peer/chat-app.test.ts).
  t.comment?.(`reachable at ${at.join(' ')}`)
  // Wait until the other window has joined the room (through the introducers, or through this one).
  await t.waitFor(() => members.size > 0, { timeout: 60000 })
  t.comment?.(`met the other window after ${Date.now() - t0} ms`)
  const input = document.getElementById('text')
  const expect = option('expect')
  // Keep greeting until the other side's greeting arrives: the other window may join a little later.
  let seen = false
  for (let i = 0; i < 30 && !seen; i++) {
    input.value = `hello from ${name} (${i})`
    document.querySelector('#send button').click()
    try {
      await t.waitForText('#messages', { text: `hello from ${expect}`, timeout: 1000 })
      seen = true
    } catch {}
  }
  t.comment?.(`greeting seen after ${Date.now() - t0} ms`)
  t.ok(seen, `${name} saw a greeting from ${expect}`)
  const mine = [...document.querySelectorAll('#messages li.mine')].length
  t.ok(mine >= 1, 'its own greeting is in the list')
  // Linger so the other window also receives our latest greeting before this one exits.
  await new Promise(resolve => setTimeout(resolve, 1500))
})
