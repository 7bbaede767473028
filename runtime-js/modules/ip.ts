// socket:ip — IP address helpers (the original's socket:ip): which family a literal is.
import { isIP, isIPv4, isIPv6 } from '../internal/ip.ts'

export { isIP, isIPv4, isIPv6 }
export default { isIP, isIPv4, isIPv6 }
