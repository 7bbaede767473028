// A runtime-js/ipc Transport that speaks the length-prefixed frames of test/generator/cpp/frames.hh to a child
// process: the generated JS client talks to the generated C++ dispatch with nothing in between.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import type { IpcRequest, IpcResponse, Transport } from '../../runtime-js/ipc/index.ts'

export interface FrameTransport extends Transport {
  close (): Promise<void>
}

export function frameTransport (command: string, args: string[] = []): FrameTransport {
  const child: ChildProcessWithoutNullStreams = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const waiting: Array<{ resolve: (response: IpcResponse) => void, reject: (error: Error) => void }> = []
  let buffer = Buffer.alloc(0)
  let stderr = ''
  child.stderr.on('data', (chunk) => { stderr += chunk })
  child.on('close', (code) => {
    for (const pending of waiting.splice(0)) pending.reject(new Error(`${command} exited (${code}): ${stderr}`))
  })
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk])
    while (buffer.length >= 8) {
      const typeLength = buffer.readUInt32LE(4)
      if (buffer.length < 12 + typeLength) return
      const bodyLength = buffer.readUInt32LE(8 + typeLength)
      const end = 12 + typeLength + bodyLength
      if (buffer.length < end) return
      const response: IpcResponse = {
        status: buffer.readUInt32LE(0),
        contentType: buffer.subarray(8, 8 + typeLength).toString('utf8'),
        body: new Uint8Array(buffer.subarray(12 + typeLength, end))
      }
      buffer = buffer.subarray(end)
      waiting.shift()?.resolve(response)
    }
  })
  return {
    send (request: IpcRequest): Promise<IpcResponse> {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject })
        const uri = Buffer.from(request.uri, 'utf8')
        const body = Buffer.from(request.body ?? new Uint8Array(0))
        const header = Buffer.alloc(4)
        header.writeUInt32LE(uri.length)
        const bodyHeader = Buffer.alloc(4)
        bodyHeader.writeUInt32LE(body.length)
        child.stdin.write(Buffer.concat([header, uri, bodyHeader, body]))
      })
    },
    close (): Promise<void> {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.on('close', () => resolve())
        child.stdin.end()
      })
    }
  }
}
