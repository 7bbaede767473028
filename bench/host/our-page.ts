// The script our host runs for the benchmark: the same hello-world as the baseline page (index.html is the
// baseline's), reporting "ready" at once; with --bench it also measures IPC through socket:ipc and
// socket:fs, and UDP into the page.
export function ourPage (options: { roundTrips: number, readBytes: number, udp: boolean }): string {
  const { roundTrips, readBytes } = options
  return `
console.log('ready')
const report = { bench: __args.argv.includes('--bench') }
if (report.bench) {
  // Through socket:ipc, as apps call native (the message bridge in a window), then through the ipc:// scheme.
  const ipc = await import('socket:ipc')
  const timeCalls = async (call) => {
    const times = []
    for (let i = 0; i < ${roundTrips}; i++) {
      const start = performance.now()
      await call(i)
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: times[times.length >> 1], p99: times[Math.floor(times.length * 0.99)] }
  }
  report.roundTrip = await timeCalls(async () => { const result = await ipc.send('os.uptime'); if (result.err) throw result.err })
  report.schemeRoundTrip = await timeCalls(async (i) => (await fetch('ipc://os.uptime?seq=R' + i + '&index=0')).text())
  const fs = await import('socket:fs/promises')
  const start = performance.now()
  const bytes = (await fs.readFile('big.bin')).byteLength
  const ms = performance.now() - start
  // The same file through the raw generated routes in one call, to tell the host's cost from the module's.
  const rawStart = performance.now()
  const opened = await (await fetch('ipc://fs.open?seq=Ro&index=0&id=77&path=big.bin&flags=0&mode=438')).json()
  if (opened.err) throw new Error(JSON.stringify(opened.err))
  const rawBytes = (await (await fetch('ipc://fs.read?seq=Rr&index=0&id=77&size=${readBytes}&offset=0')).arrayBuffer()).byteLength
  await fetch('ipc://fs.close?seq=Rc&index=0&id=77')
  const rawMs = performance.now() - rawStart
  report.rawRead = { bytes: rawBytes, ms: rawMs, mbPerSecond: rawBytes / 1e6 / (rawMs / 1000) }
  // The earlier readFile path against the one-call path, alternated three times after the reads above (so that
  // neither is the page's first large read): a FileHandle's readFile is fstat + 1 MiB fs.read calls filling one
  // buffer, plus the open and close around it; a path's readFile is one fs.readFile call.
  const timeRead = async (read) => { const start = performance.now(); const n = await read(); return n / 1e6 / ((performance.now() - start) / 1000) }
  report.chunkedRead = []
  report.oneCallRead = []
  for (let i = 0; i < 3; i++) {
    report.chunkedRead.push(await timeRead(async () => {
      const handle = await fs.open('big.bin', 'r')
      const n = (await handle.readFile()).byteLength
      await handle.close()
      return n
    }))
    report.oneCallRead.push(await timeRead(async () => (await fs.readFile('big.bin')).byteLength))
  }
  // The same two paths on a 1 KB file, where the round trips are most of the cost: mean ms over 50 alternations.
  const timeSmall = async (read) => { const start = performance.now(); await read(); return performance.now() - start }
  const small = { chunked: 0, oneCall: 0 }
  for (let i = 0; i < 50; i++) {
    small.chunked += await timeSmall(async () => { const handle = await fs.open('small.txt', 'r'); await handle.readFile(); await handle.close() }) / 50
    small.oneCall += await timeSmall(() => fs.readFile('small.txt')) / 50
  }
  report.smallRead = small
  // Where one whole-file fs.read spends its time: until the reply's headers (the host reads the file and hands
  // WebKit the body), then until the page holds the bytes (WebKit moves them to the web process), then making
  // the module's Buffer of them.
  const reopened = await (await fetch('ipc://fs.open?seq=Rb&index=0&id=78&path=big.bin&flags=0&mode=438')).json()
  if (reopened.err) throw new Error(JSON.stringify(reopened.err))
  const t0 = performance.now()
  const response = await fetch('ipc://fs.read?seq=Rb&index=0&id=78&size=${readBytes}&offset=0')
  const t1 = performance.now()
  const body = await response.arrayBuffer()
  const t2 = performance.now()
  const { Buffer } = await import('socket:buffer')
  const t3 = performance.now()
  Buffer.from(body).toString('latin1').length
  const t4 = performance.now()
  await fetch('ipc://fs.close?seq=Rb&index=0&id=78')
  report.breakdown = { headersMs: t1 - t0, bodyMs: t2 - t1, bytes: body.byteLength, bufferMs: t4 - t3 }
  report.read = { bytes, ms, mbPerSecond: bytes / 1e6 / (ms / 1000), via: 'socket:fs/promises readFile' }
}
if (report.bench && ${options.udp} && __args.argv.includes('--udp')) {
  // UDP to the page: how many datagrams per second reach a listener (ours only; the others have no UDP).
  const { createSocket } = await import('socket:dgram')
  const socket = createSocket('udp4')
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve))
  let received = 0
  let first = 0
  let last = 0
  socket.on('message', () => { last = performance.now(); if (received++ === 0) first = last })
  console.log('UDP_PORT ' + socket.address().port)
  await new Promise((resolve) => setTimeout(resolve, 4000))
  report.udp = { received, ms: last - first, perSecond: received / ((last - first) / 1000) }
  socket.close()
}
console.log('report ' + JSON.stringify(report))
await fetch('ipc://application.exit?seq=Rx&index=0&value=0')
`
}

// The baseline page measures 2,000 round trips and a 10 MB read; a smaller run rewrites those two numbers in its
// copy of the page (the tiny run that npm test makes).
export function resizeBaselinePage (source: string, options: { roundTrips: number, readBytes: number }): string {
  return source.replace('roundTrips(2000)', `roundTrips(${options.roundTrips})`)
    .replace('throughput(10 * 1024 * 1024)', `throughput(${options.readBytes})`)
}
