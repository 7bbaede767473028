// socket:util/types — Node's util.types (from the `util` npm package).
import port from 'util/util.js'

export const types = port.types
export default port.types
