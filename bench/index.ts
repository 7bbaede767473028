// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process so that one area's
// measurements cannot disturb another's. Each bench writes its own table under docs/.
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const only = process.argv.slice(2)
const benches = readdirSync('bench').filter((name) => name.endsWith('.bench.ts')).sort()
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
let failed = 0
for (const name of benches) {
  console.log(`\n== bench/${name}`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}`], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exit(failed > 0 ? 1 : 0)
