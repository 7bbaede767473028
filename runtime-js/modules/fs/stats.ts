// socket:fs/stats — fs.Stats (and BigIntStats) as socket:fs returns them, for code that imports the class.
import { BigIntStats, Stats } from '../../internal/fs/stats.ts'

export { Stats, BigIntStats }
export default Stats
