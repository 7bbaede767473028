// Run by `ssc build -r --headless --test=test/index.js examples/compat`.
import { test } from 'socket:test'
import { getMessage } from 'socket:i18n'

test('require() loads a CommonJS package from node_modules', async (t) => {
  await t.waitFor(() => globalThis.compat?.ready, { timeout: 20000 })
  t.equal(document.getElementById('greeting').textContent, 'Compat: Hello, Ada!', 'the greeting comes from the package')
})

test('a worker_threads worker answers', async (t) => {
  t.equal(await globalThis.compat.workerSum, 10, 'the worker summed workerData')
  await t.waitForText('#worker', { text: 'the sum is 10', timeout: 5000 })
})

test('locale messages', (t) => {
  t.equal(getMessage('hello', ['Bob'], { locale: 'fr' }), 'Bonjour, Bob', 'French from locales/fr')
  t.equal(getMessage('hello', ['Bob'], { locale: 'de' }), 'Hello, Bob', 'an unknown locale falls back to [i18n] default_locale')
})

test('the window hotkey fires on its key combination', (t) => {
  const press = (init) => globalThis.dispatchEvent(new KeyboardEvent('keydown', { cancelable: true, ...init }))
  press({ key: 'H', code: 'KeyH', ctrlKey: true, shiftKey: true })
  press({ key: 'h', code: 'KeyH', ctrlKey: true })
  t.equal(globalThis.compat.hotkeyPresses, 1, 'only ctrl+shift+h counts')
  t.equal(document.getElementById('hotkey').textContent, 'pressed 1 times')
})

test('the service worker answers /api/greeting; other /api/ paths are files', async (t) => {
  t.equal(globalThis.compat.serviceWorkerError, undefined, 'registration worked')
  t.equal(globalThis.compat.serviceWorkerGreeting?.greeting, 'Hello from the service worker, Ada!', 'the worker made the greeting')
  const again = await (await fetch('/api/greeting?name=Bob')).json()
  t.equal(again.served, 2, 'the same worker answers the next request')
  t.equal((await (await fetch('/api/static.json')).json()).from, 'the file', 'no respondWith: the file')
})
