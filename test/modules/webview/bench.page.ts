// Runs in the webview for bench/modules.bench.ts: the bench workload on socket:fs and socket:dgram.
import { workload } from '../cases/bench.workload.ts'

declare const BENCH_DIR: string

const load = async (name: string): Promise<any> => await import(name)
const timers = await load('socket:timers')
const pause = (): Promise<void> => new Promise((resolve) => timers.setImmediate(resolve))
const result = await workload(await load('socket:fs'), await load('socket:dgram'), BENCH_DIR, pause)
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
