// The page: every piece below is how an app written for the original Socket Runtime does it.
import { createRequire } from 'socket:module'
import { Worker } from 'socket:worker_threads'
import { getMessage, getUILanguage } from 'socket:i18n'
import hotkeys from 'socket:window/hotkey'

// require() from node_modules (package.json "exports"), which itself requires a builtin.
const require = createRequire(import.meta.url)
const greeter = require('greeter')

const app = globalThis.compat = { ready: false, hotkeyPresses: 0 }

document.getElementById('greeting').textContent = greeter.greet(getMessage('appName'), getMessage('hello', [greeter.name]))

// A worker_threads worker on the app's origin, with workerData.
const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { numbers: [1, 2, 3, 4] } })
app.workerSum = new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
app.workerSum.then((sum) => { document.getElementById('worker').textContent = getMessage('sum', [String(sum)]) })

// A window hotkey.
const binding = await hotkeys.bind('ctrl + shift + h')
binding.addEventListener('hotkey', () => {
  app.hotkeyPresses++
  document.getElementById('hotkey').textContent = getMessage('pressed', [String(app.hotkeyPresses)])
})

// A service worker for /api/ (navigator.serviceWorker is the runtime's: it runs the worker itself).
try {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/api/' })
  const worker = registration.installing ?? registration.waiting ?? registration.active
  if (worker.state !== 'activated') {
    await new Promise((resolve) => worker.addEventListener('statechange', () => { if (worker.state === 'activated') resolve() }))
  }
  app.serviceWorkerGreeting = await (await fetch('/api/greeting?name=Ada')).json()
  document.getElementById('service-worker').textContent = app.serviceWorkerGreeting.greeting
} catch (error) {
  app.serviceWorkerError = error
  document.getElementById('service-worker').textContent = `${error.name}: ${error.message}`
}

app.language = getUILanguage()
app.ready = true
