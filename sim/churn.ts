// Turns churn plans into a timetable of actions. The times are fixed up front from the seed (Poisson
// processes); which peer is hit is chosen when the action runs, among the peers eligible at that moment.
import type { ChurnPlan } from './scenario.ts'
import type { SeededRandom } from './core/random.ts'

export type ChurnAction =
  | { time: number, kind: 'replace' | 'leave' | 'join' }
  | { time: number, kind: 'sleep', durationMs: number, peer: string | null }

export function planChurn (plans: ChurnPlan[], random: SeededRandom, durationMs: number): ChurnAction[] {
  const actions: ChurnAction[] = []
  plans.forEach((plan, i) => {
    const stream = random.fork(`churn-${i}`)
    if (plan.type === 'sleep-named') {
      if (plan.atMs <= durationMs) actions.push({ time: plan.atMs, kind: 'sleep', durationMs: plan.durationMs, peer: plan.peer })
      return
    }
    const meanGap = 60_000 / plan.perMinute
    const end = Math.min(plan.endMs, durationMs)
    for (let t = plan.startMs + stream.exponential(meanGap); t < end; t += stream.exponential(meanGap)) {
      if (plan.type === 'sleep') actions.push({ time: t, kind: 'sleep', durationMs: stream.exponential(plan.sleepMs), peer: null })
      else actions.push({ time: t, kind: plan.type })
    }
  })
  return actions.sort((a, b) => a.time - b.time)
}
