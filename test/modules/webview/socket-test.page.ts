// Runs in the webview in test mode: socket:test with platform-filtered tests, a test that never ends (its
// own 300 ms timeout fails it), and the original's helper modules. The host's exit status is the result.
const { test } = await import('socket:test' as string)
const equal = (await import('socket:test/fast-deep-equal' as string)).default
const dom = await import('socket:test/dom-helpers' as string)
type T = any

test.linux('runs on linux', (t: T) => { t.pass('linux ran') })
test.desktop('runs on desktop', (t: T) => { t.pass('desktop ran') })
test.macosx('mac only', (t: T) => { t.fail('must not run') })
test.mobile('mobile only', (t: T) => { t.fail('must not run') })
test.win32('windows only', (t: T) => { t.fail('must not run') })
test('never ends', () => new Promise(() => {}), { timeout: 300 })
test('helpers', async (t: T) => {
  t.ok(equal({ a: [1, new Map([[1, 2]])] }, { a: [1, new Map([[1, 2]])] }), 'fast-deep-equal')
  dom.appendChild(document.body, '<p id="x" style="width:10px;height:10px">hi</p>')
  t.equal((await dom.waitForText('#x', 'hi')).id, 'x', 'dom-helpers waitForText')
  t.ok(await dom.elementVisible('#x'), 'dom-helpers elementVisible')
  dom.removeElement('#x')
  t.equal(await dom.elementInvisible('#x'), true, 'dom-helpers elementInvisible')
})
