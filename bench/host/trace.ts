// Reads the phases our host prints with SOCKET_TRACE_STARTUP=1 ("socket-host: trace <ms> ms <phase>").
export interface Phase { ms: number, phase: string }

export function parseTrace (stderr: string): Phase[] {
  const phases: Phase[] = []
  for (const line of stderr.split('\n')) {
    const match = /^socket-host: trace ([\d.]+) ms (.*)$/.exec(line)
    if (!match) continue
    const exec = / \((\d+) ms after exec/.exec(match[2])
    if (exec) phases.push({ ms: -Number(exec[1]), phase: 'exec (the kernel\'s start time of the process, to the clock tick)' })
    // The page's phases carry the page's own clock, which differs per run: the phase name is what comes before it.
    const phase = match[2].replace(/ \((page clock|\d+ ms after exec)[^)]*\)$/, '').replace(/ \(\d+ bytes\)$/, '')
    if (!phases.some((p) => p.phase === phase)) phases.push({ ms: Number(match[1]), phase })
  }
  return phases
}
