// `npm run docs`: the static site opened in headless Chromium (Debian's chromium, driven by playwright-core):
// every local link on every page resolves, the navigation moves between pages, and search finds a config key.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'
import { buildDocs } from '../../scripts/build-docs.ts'
import { tempDir } from './helpers.ts'

const CHROMIUM = '/usr/bin/chromium'
const skip = existsSync(CHROMIUM) ? false : 'needs chromium (apt-get install chromium)'

test('the docs site: links resolve, navigation works, search finds [meta] bundle_identifier', { skip, timeout: 180_000 }, async () => {
  const site = buildDocs(join(tempDir('ssc-docs-'), 'site'))
  assert.ok(site.pages >= 10 && site.sections > 100, `${site.pages} pages, ${site.sections} sections`)
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage()
    await page.goto(pathToFileURL(join(site.outDir, 'architecture.html')).href)
    const pages: string[] = await page.$$eval('nav a', (links) => links.map((a) => (a as HTMLAnchorElement).href))
    assert.ok(pages.length === site.pages, 'every page is in the navigation')
    const broken: string[] = []
    for (const url of pages) {
      await page.goto(url)
      const hrefs: string[] = await page.$$eval('main a[href], main img[src]', (nodes) => nodes.map((n) => (n as HTMLAnchorElement).href || (n as HTMLImageElement).src))
      for (const href of hrefs) {
        if (!href.startsWith('file:')) continue
        const target = fileURLToPath(href.split('#')[0])
        if (!existsSync(target)) broken.push(`${url.slice(url.lastIndexOf('/site/') + 6)} -> ${target.slice(target.lastIndexOf('/site/') + 6)}`)
      }
    }
    assert.deepEqual(broken.slice(0, 20), [], 'broken local links')

    await page.goto(pathToFileURL(join(site.outDir, 'architecture.html')).href)
    await page.click('nav a[href$="cli.html"]')
    assert.match(await page.title(), /ssc/)
    await page.fill('#search', 'bundle_identifier reverse-DNS')
    const results: string[] = await page.$$eval('#results a', (links) => links.map((a) => (a as HTMLAnchorElement).href))
    assert.ok(results.some((href) => /config\.html#/.test(href)), `search results: ${results.join(', ')}`)
    await page.click('#results a[href*="config.html"]')
    assert.match(page.url(), /config\.html#/)
    assert.match(await page.title(), /socket\.ini/)
  } finally {
    await browser.close()
  }
})
