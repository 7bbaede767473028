// The generated Kotlin (every capability of idl/, the constructs fixture, and the support code) compiles with
// the Kotlin 2.x compiler from Maven Central with warnings as errors (no deprecated calls) in one invocation, and
// the generated udp dispatcher's suspend services run on the JVM
// (kotlin/DispatchMain.kt): decoded arguments, typed errors, the binary reply path and events.
import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { generateFixture } from './fixture-build.ts'
import { compileKotlin, runKotlin } from './kotlin-build.ts'

function kotlinFiles (root: string): string[] {
  return readdirSync(root).sort().flatMap((name) => {
    const path = join(root, name)
    return statSync(path).isDirectory() ? kotlinFiles(path) : path.endsWith('.kt') ? [path] : []
  })
}

let classes = ''

before(() => {
  const { root } = generateFixture('test/fixtures/idl/constructs', 'constructs-kotlin')
  const sources = [
    ...kotlinFiles('generated/kotlin'),
    join(root, 'generated/kotlin/socket/api/gadget/Gadget.kt'),
    'test/generator/kotlin/DispatchMain.kt'
  ]
  // One compiler run for everything: it is slow to start.
  classes = compileKotlin('kotlin', sources, 'DispatchMainKt.class')
})

function dispatch (lines: string[]): string[] {
  const run = runKotlin(classes, 'DispatchMainKt', lines.join('\n') + '\n')
  assert.equal(run.status, 0, run.stderr)
  return run.stdout.trimEnd().split('\n')
}

test('the generated Kotlin dispatcher runs on the JVM', () => {
  const out = dispatch([
    'ipc://udp.bind?seq=R1&index=0&id=18446744073709551615&port=80&address=%3A%3A1',
    'ipc://udp.bind?seq=R2&index=0&id=1&port=70000',
    'ipc://udp.bind?seq=R3&index=0&port=1',
    'ipc://udp.getState?seq=R4&index=0&id=9007199254740993&ipc-token=t1',
    `ipc://udp.send?seq=R5&index=0&id=5&address=${'a'.repeat(256)}\tAQIDBA==`,
    'ipc://udp.send?seq=R6&index=0&id=5&address=a%20b%2Bc\tAQIDBA==',
    'ipc://udp.readStart?seq=R7&index=0&id=5',
    'ipc://udp.bind?seq=R8&index=0&id=1&port=1&address=%FF',
    'ipc://udp.nope?seq=R9&index=0'
  ])
  assert.deepEqual(out, [
    '200\tapplication/json\t{"source":"udp.bind","token":null,"id":"","data":{"address":"::1","port":80,"family":"IPv6"}}',
    `200\tapplication/json\t{"source":"udp.bind","token":null,"id":"","err":{"type":"RangeError","message":"udp.bind: argument 'port' is out of range (0 to 65535)"}}`,
    `200\tapplication/json\t{"source":"udp.bind","token":null,"id":"","err":{"type":"TypeError","message":"udp.bind: missing required argument 'id'"}}`,
    '200\tapplication/json\t{"source":"udp.getState","token":"t1","id":"","data":{"id":"9007199254740993","bound":true,"connected":false,"reading":true,"closed":false}}',
    `200\tapplication/json\t{"source":"udp.send","token":null,"id":"","err":{"type":"RangeError","message":"udp.send: argument 'address' is longer than the limit of 255"}}`,
    '200\tapplication/json\t{"source":"udp.send","token":null,"id":"","data":{"bytes":4}}',
    // The service emits before it returns, so the event is out before the answer.
    'event\tdata\t{"source":"udp.readStart","data":{"id":"5","port":4242,"address":"10.0.0.1","bytes":3}}\tAQID',
    '200\tapplication/json\t{"source":"udp.readStart","token":null,"id":"","data":null}',
    `200\tapplication/json\t{"source":"udp.bind","token":null,"id":"","err":{"type":"TypeError","message":"udp.bind: argument 'address' must be valid UTF-8 text"}}`,
    `404\tapplication/json\t{"source":"udp.nope","token":null,"id":"","err":{"type":"NotFoundError","message":"Not found: no route named 'udp.nope'"}}`
  ])
})

test('the Kotlin router refuses a route whose [Permission] is not granted, before decoding; a throwing service is an InternalError', () => {
  const refused = (route: string, name: string): string =>
    `403\tapplication/json\t{"source":"${route}","token":null,"id":"","err":{"type":"NotAllowedError","message":"${route}: not allowed: this app does not grant the '${name}' permission (socket.ini: [permissions] allow_${name} = true)"}}`
  const out = dispatch([
    'ipc://child_process.kill?seq=R1&index=0&id=1',
    'ipc://child_process.kill?seq=R2&index=0&id=not-a-number',
    '+bluetooth ipc://child_process.kill?seq=R3&index=0&id=1',
    '+child_process ipc://child_process.kill?seq=R4&index=0&id=1',
    '+child_process ipc://child_process.kill?seq=R5&index=0&id=not-a-number',
    '+child_process ipc://child_process.exec?seq=R6&index=0&args=%5B%22true%22%5D',
    '+child_process ipc://child_process.kill?seq=R7&index=0&id=2'
  ])
  assert.deepEqual(out, [
    refused('child_process.kill', 'child_process'),
    refused('child_process.kill', 'child_process'),
    refused('child_process.kill', 'child_process'),
    '200\tapplication/json\t{"source":"child_process.kill","token":null,"id":"","data":null}',
    `200\tapplication/json\t{"source":"child_process.kill","token":null,"id":"","err":{"type":"TypeError","message":"child_process.kill: argument 'id' must be an integer"}}`,
    '200\tapplication/json\t{"source":"child_process.exec","token":null,"id":"","err":{"type":"InternalError","message":"child_process.exec: java.lang.IllegalStateException: service failed"}}',
    '200\tapplication/json\t{"source":"child_process.kill","token":null,"id":"","data":null}'
  ])
})
