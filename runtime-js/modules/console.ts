// socket:console — the page's console (the host sends log/info/debug to stdout, warn/error to stderr).
const console = globalThis.console
export const { log, info, debug, warn, error, trace, dir, table, time, timeEnd, timeLog, group, groupEnd, count, countReset, assert } = console
export default console
