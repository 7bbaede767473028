// socket:os/constants — os.constants as Node has them on Linux (errno, signals, priority, dlopen). Static:
// the same numbers the host's `os.constants` route reports, without a round trip at load.
import { errnoConstants, signalConstants } from '../../internal/errno.ts'

export const errno = errnoConstants
export const signals = signalConstants
export const priority = Object.freeze({
  PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20
})
export const dlopen = Object.freeze({ RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 })
export const UV_UDP_REUSEADDR = 4
export default Object.freeze({ UV_UDP_REUSEADDR, dlopen, errno, signals, priority })
