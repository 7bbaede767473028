// socket:diagnostics/runtime — the original's runtime metrics: what the host process uses, queried on demand
// (CPU time and peak RSS from getrusage, uptime, open windows), published on the `runtime.query` channel.
import { rusage, uptime } from '../os.ts'
import { getWindows } from '../application.ts'
import { channel as named } from './channels.ts'

export const channel = named('runtime.query')

export interface RuntimeQuery { uptime: number, rusage: { userCPUTime: number, systemCPUTime: number, maxRSS: number }, windows: number[] }

/** The host's figures now; also published on `runtime.query`. */
export async function query (): Promise<RuntimeQuery> {
  const result: RuntimeQuery = { uptime: uptime(), rusage: rusage(), windows: [...(await getWindows()).keys()].sort((a, b) => a - b) }
  channel.publish(result)
  return result
}

export default { channel, query }
