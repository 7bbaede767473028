// npm start's app, tested: ssc build -r --headless --test=test/index.js examples/demo
import { test } from 'socket:test'
import fs from 'socket:fs/promises'

test('the demo shows its heading and facts from socket.ini', async (t) => {
  const h1 = await t.waitFor('h1')
  t.equal(h1.textContent, 'Hello, World')
  await t.waitForText('#facts', 'Socket Runtime demo')
})

test('the demo reads its own index.html', async (t) => {
  const html = String(await fs.readFile('index.html'))
  t.ok(html.includes('<h1>Hello, World</h1>'))
  await t.waitForText('#source', '<h1>Hello, World</h1>')
})
