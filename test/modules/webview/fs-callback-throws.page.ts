// Runs in the webview: an fs callback throws; the host must see an uncaught error (and, in test mode, exit 1).
declare const FS_TEST_DIR: string
const fs = (await import('socket:fs' as string)).default
fs.stat(FS_TEST_DIR, () => { throw new Error('thrown in an fs callback') })
