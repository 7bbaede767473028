// Runs in the webview (test mode, after load): reports the `applicationurl` events the app's own module
// (listen.js, loaded by index.html through socket:hooks) saw for the deep link given on the command line.
const seen = (): unknown[] => (globalThis as { __links?: unknown[] }).__links ?? []
for (let i = 0; i < 100 && seen().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
console.log('%s', '__RESULT__ ' + JSON.stringify(seen()))
