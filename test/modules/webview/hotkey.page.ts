// Runs in the webview: a global hotkey grabbed by the host (XGrabKey); the test presses it with xdotool
// under Xvfb until the `hotkey` event arrives.
import { Observer } from '../harness/observe.ts'

const o = new Observer()
const hotkey = await import('socket:window/hotkey' as string)
await o.seeAsync('global press', async () => {
  const binding = await hotkey.bind('ctrl + shift + g', { global: true })
  const seen: string[] = []
  hotkey.default.addEventListener('hotkey', (e: any) => seen.push('bindings:' + e.binding.expression))
  await new Promise<void>((resolve, reject) => {
    binding.addEventListener('hotkey', () => { seen.push('binding'); resolve() }, { once: true })
    setTimeout(() => reject(new Error('no hotkey event within 30 s')), 30_000)
  })
  const removed = await hotkey.unbind(binding)
  return [binding.global, typeof binding.hostId, seen.slice(0, 2), removed, hotkey.getBindings().length]
})
await o.seeAsync('unknown key', async () => await hotkey.bind('ctrl + nosuchkey', { global: true }))
await o.seeAsync('two keys', async () => await hotkey.bind('a + b', { global: true }))
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
