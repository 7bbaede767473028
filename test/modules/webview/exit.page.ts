// Runs in the webview: process.exit(7) must emit 'exit' and end the app with status 7.
const process = (await import('socket:process' as string)).default
process.on('exit', (code: number) => console.log('%s', `exit listener saw ${code}`))
process.exit(7)
