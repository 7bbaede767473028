// Runs in the webview: the metadata routes, cp, recursive watch and watchFile against the host's sandbox. READ_DIR is granted read-only
// ([filesystem] read), WRITE_DIR read-write ([filesystem] allow); anything else is outside the app's folders.
import { errorShape } from '../harness/observe.ts'

declare const READ_DIR: string
declare const WRITE_DIR: string

async function attempt (run: () => unknown): Promise<unknown> {
  try {
    await run()
    return 'allowed'
  } catch (error) {
    return { ...errorShape(error), refusedBySandbox: typeof (error as { reason?: unknown }).reason === 'string' }
  }
}

let result: unknown
try {
  const specifier = 'socket:fs'
  const fs = await import(specifier)
  const p = fs.promises
  const file = `${READ_DIR}/kept.txt`
  const r: Record<string, unknown> = {}
  r['utimes read-only'] = await attempt(() => p.utimes(file, 1, 1))
  r['lutimes read-only'] = await attempt(() => p.lutimes(file, 1, 1))
  r['utimesSync outside'] = await attempt(() => fs.utimesSync('/etc/hostname', 1, 1))
  const handle = await p.open(file, 'r')
  r['FileHandle.utimes read-only'] = await attempt(() => handle.utimes(1, 1))
  r['FileHandle.chmod read-only'] = await attempt(() => handle.chmod(0o600))
  r['FileHandle.chown read-only'] = await attempt(() => handle.chown(-1, -1))
  await handle.close()
  const fd = fs.openSync(file, 'r')
  r['futimesSync read-only'] = await attempt(() => fs.futimesSync(fd, 1, 1))
  r['fchmodSync read-only'] = await attempt(() => fs.fchmodSync(fd, 0o600))
  r['fchownSync read-only'] = await attempt(() => fs.fchownSync(fd, -1, -1))
  fs.closeSync(fd)
  r['cp into read-only'] = await attempt(() => p.cp(`${WRITE_DIR}/mine.txt`, `${READ_DIR}/copied.txt`))
  r['cp tree into read-only'] = await attempt(() => p.cp(`${WRITE_DIR}`, `${READ_DIR}/tree`, { recursive: true }))
  r['cpSync from outside'] = await attempt(() => fs.cpSync('/etc/hostname', `${WRITE_DIR}/hostname`))
  r['cp out of read-only'] = await attempt(() => p.cp(READ_DIR, `${WRITE_DIR}/copy`, { recursive: true }))
  r['copied tree'] = (await p.readdir(`${WRITE_DIR}/copy`)).sort()
  r['utimes writable'] = await attempt(() => p.utimes(`${WRITE_DIR}/mine.txt`, 1_000, 2_000))
  // The folder holding READ_DIR and WRITE_DIR is itself outside the app's folders.
  r['watch recursive outside'] = await attempt(() => new Promise((resolve, reject) => {
    const watcher = fs.watch(READ_DIR.slice(0, READ_DIR.lastIndexOf('/')), { recursive: true })
    watcher.on('error', reject)
    setTimeout(() => { watcher.close(); resolve(undefined) }, 5000)
  }))
  r['watchFile outside'] = await new Promise((resolve) => {
    const listener = (curr: { ino: number, size: number }): void => { fs.unwatchFile('/etc/hostname', listener); resolve([curr.ino, curr.size]) }
    fs.watchFile('/etc/hostname', { interval: 50 }, listener)
  })
  result = r
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
