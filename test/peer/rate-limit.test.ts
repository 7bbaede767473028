// The per-sender token buckets: the burst is enforced, tokens refill, and pruning forgets only what no
// longer matters (a forgotten bucket must answer exactly as the kept one would have).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RateLimiter } from '../../runtime-js/peer/rate-limit.ts'

test('a sender gets its burst, then one token per 1/rate seconds', () => {
  const limit = new RateLimiter(10, 3)
  assert.deepEqual([1, 2, 3, 4].map(() => limit.allow('a', 0)), [true, true, true, false])
  assert.equal(limit.allow('b', 0), true, 'another sender has its own bucket')
  assert.equal(limit.allow('a', 50), false, 'half a token after 50 ms')
  assert.equal(limit.allow('a', 100), true, 'a whole one after 100 ms')
})

test('prune forgets refilled buckets idle for idleMs, and keeps the others', () => {
  const limit = new RateLimiter(10, 3)
  limit.allow('quiet', 0)
  limit.allow('recent', 0)
  limit.allow('recent', 50_000)
  for (let i = 0; i < 3; i++) limit.allow('drained', 59_990)
  limit.prune(60_000, 30_000)
  assert.equal(limit.size, 2, 'the quiet sender is forgotten')
  limit.prune(60_000)
  assert.equal(limit.size, 1, 'without idleMs every refilled bucket goes; the drained one has not refilled')
  assert.equal(limit.allow('drained', 60_000), false, 'the drained sender is still limited')
})

test('a pruned sender is answered as if its bucket had been kept', () => {
  const kept = new RateLimiter(4, 2)
  const pruned = new RateLimiter(4, 2)
  const times = [0, 10, 20, 300, 310, 320, 330, 5000, 5001, 5002]
  const answers = (limit: RateLimiter, prune: boolean) => times.map((t) => {
    if (prune) limit.prune(t)
    return limit.allow('peer', t)
  })
  assert.deepEqual(answers(pruned, true), answers(kept, false))
})
