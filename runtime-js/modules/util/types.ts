// socket:util/types — Node's util.types (from the `util` npm package; internal/util-types.ts).
import { types } from '../../internal/util-types.ts'

export { types }
export default types
