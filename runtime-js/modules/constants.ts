// socket:constants — Node's legacy `constants` module: errno, signal, priority and fs constants in one object.
import osConstants from './os/constants.ts'
import { constants as fsConstants } from '../internal/fs/constants.ts'

const constants = Object.freeze({ ...osConstants.errno, ...osConstants.signals, ...osConstants.priority, ...fsConstants })
export default constants
