// require() is synchronous, so module files are read with a blocking XMLHttpRequest on the app's own
// origin. Reads are cached per URL (a missing file as null) for the life of the page. The host answers an
// extensionless path that names no file with the app's index.html (single-page apps) and a directory with
// its index.html: an HTML answer for a path not ending in .html is therefore no file.
const cache = new Map<string, string | null>()

export function readText (url: string): string | null {
  if (cache.has(url)) return cache.get(url) ?? null
  let text: string | null = null
  try {
    const request = new XMLHttpRequest()
    request.open('GET', url, false)
    request.overrideMimeType('text/plain; charset=utf-8')
    request.send(null)
    const html = /^text\/html/i.test(request.getResponseHeader('content-type') ?? '')
    const asked = new URL(url).pathname
    if (request.status >= 200 && request.status < 300 && !(html && !/\.html?$/i.test(asked))) text = request.responseText
  } catch {
    text = null
  }
  cache.set(url, text)
  return text
}

export function clearReadCache (): void { cache.clear() }
