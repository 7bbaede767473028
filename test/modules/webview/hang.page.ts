// Runs in the webview in test mode and never finishes (no test, no exit): the host's --test-timeout must end it.
console.log('%s', 'hang page started')
await new Promise(() => {})
