// The demo's page script. Each panel degrades on its own: a missing capability shows its error in place.

const facts = document.getElementById('facts')
const args = globalThis.__args ?? {}

function fact (name, value) {
  const dt = document.createElement('dt')
  const dd = document.createElement('dd')
  dt.textContent = name
  dd.textContent = value
  facts.append(dt, dd)
}

function showError (element, error) {
  element.textContent = `${error?.name ?? 'Error'}: ${error?.message ?? error}`
  element.classList.add('error')
}

fact('title', args.config?.meta_title ?? '(no __args: not in the runtime)')
fact('bundle id', args.config?.meta_bundle_identifier ?? '')
fact('version', args.config?.meta_version ?? '')
fact('window', String(args.index ?? ''))
fact('headless', String(args.headless ?? ''))
fact('user agent', navigator.userAgent)

// The seed app of the original's docs: read a file of the app's own.
try {
  const { default: fs } = await import('socket:fs/promises')
  const html = String(await fs.readFile('index.html'))
  document.getElementById('source').textContent = html
} catch (error) {
  showError(document.getElementById('source'), error)
}

// The backend ([linux] cmd) echoes `echo` events back as `echoed`.
const log = document.getElementById('echo-log')
globalThis.addEventListener('echoed', (event) => {
  log.textContent += `backend: ${JSON.stringify(event.detail)}\n`
})
globalThis.addEventListener('backend-exit', (event) => {
  log.textContent += `backend exited: ${JSON.stringify(event.detail)}\n`
})
document.getElementById('echo-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const value = document.getElementById('echo-input').value
  try {
    const { default: application } = await import('socket:application')
    await application.backend.open()
    await application.backend.send('echo', value)
    log.textContent += `sent: ${JSON.stringify(value)}\n`
  } catch (error) {
    showError(log, error)
  }
})
