// Runs in the webview: the dgram case files against socket:dgram (real UDP sockets through the host).
import { observeDgram } from '../cases/dgram.cases.ts'
import { observeDgramLifecycle } from '../cases/dgram-lifecycle.cases.ts'
import { errorShape } from '../harness/observe.ts'

/** socket:dgram's own promise (Node drops this datagram): a send queued behind the implicit bind still goes out when close() follows at once. */
async function queuedSendThenClose (dgram: typeof import('node:dgram')): Promise<unknown> {
  const receiver = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', () => resolve()))
  const arrived = new Promise((resolve) => {
    const timer = setTimeout(() => resolve('nothing within 5 s'), 5000)
    receiver.once('message', (msg) => { clearTimeout(timer); resolve(new TextDecoder().decode(msg)) })
  })
  const s = dgram.createSocket('udp4')
  const sent = new Promise((resolve) => s.send('queued', receiver.address().port, '127.0.0.1', (error, bytes) => resolve(error === null ? bytes : errorShape(error))))
  s.close()
  const result = { text: await arrived, sent: await sent }
  receiver.close()
  return result
}

let result: unknown
try {
  const specifier = 'socket:dgram'
  const dgram = await import(specifier)
  result = { dgram: await observeDgram(dgram), lifecycle: await observeDgramLifecycle(dgram), queuedSend: await queuedSendThenClose(dgram) }
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
