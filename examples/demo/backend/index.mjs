// The demo's backend: a Node program that echoes what the window sends.
import backend from '../socket-node.mjs'

const runtime = backend()
runtime.on('echo', (value) => runtime.send({ event: 'echoed', value: { received: value, at: new Date().toISOString() } }))
console.log('demo backend ready')
