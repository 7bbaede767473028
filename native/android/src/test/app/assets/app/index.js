document.querySelector("h1").textContent = `on ${globalThis.__args.client.platform}`
