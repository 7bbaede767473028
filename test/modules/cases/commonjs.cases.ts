// require() differential cases: one file tree (node_modules packages with "main", "exports" conditions,
// subpaths and patterns, a scoped package, a nested node_modules, JSON, a cycle, directory indexes) and one
// observation function, run on Node's createRequire over the tree on disk and on socket:module's over the
// same tree in the app's resources folder. Paths are observed relative to the tree's root.
import { Observer, type Observations } from '../harness/observe.ts'

export const commonjsTree: Record<string, string> = {
  'main.js': "exports.thisIsExports = this === module.exports\nexports.dirnameIsRoot = typeof __dirname === 'string'\n",
  'data.json': '{ "answer": 42, "list": [1, 2] }',
  'bad.json': '{ nope',
  'throws.js': "globalThis.__throwsRuns = (globalThis.__throwsRuns || 0) + 1\nthrow new RangeError('boom')\n",
  'lib/cycle-a.js': "exports.early = 'a-early'\nconst b = require('./cycle-b')\nexports.sawB = b.done\nexports.done = true\n",
  'lib/cycle-b.js': "const a = require('./cycle-a')\nexports.sawEarly = a.early\nexports.sawDone = a.done === true\nexports.done = true\n",
  'lib/dir/index.js': "module.exports = 'dir-index'\n",
  'lib/nested/use.js': "module.exports = require('dep').value\n",
  'lib/nested/node_modules/dep/index.js': "exports.value = 'nested-dep'\n",
  'lib/ext/only.json': '["json-by-extension"]',
  'node_modules/plain/index.js': "exports.name = 'plain'\nexports.dep = require('dep').value\n",
  'node_modules/dep/package.json': '{ "name": "dep", "main": "lib/main.js" }',
  'node_modules/dep/lib/main.js': "module.exports = { value: 42, file: __filename.endsWith('/dep/lib/main.js') }\n",
  'node_modules/dep/extra.js': "module.exports = 'dep-extra'\n",
  'node_modules/exp/package.json': JSON.stringify({
    name: 'exp',
    exports: { '.': { import: './esm.mjs', require: './cjs.js', default: './cjs.js' }, './feature': './feature.js', './sub/*': './subs/*.js', './package.json': './package.json' }
  }),
  'node_modules/exp/cjs.js': "module.exports = 'exp-require'\n",
  'node_modules/exp/esm.mjs': "export default 'exp-import'\n",
  'node_modules/exp/feature.js': "module.exports = 'exp-feature'\n",
  'node_modules/exp/hidden.js': "module.exports = 'hidden'\n",
  'node_modules/exp/subs/a.js': "module.exports = 'exp-sub-a'\n",
  'node_modules/sugar/package.json': '{ "exports": "./sugar.js" }',
  'node_modules/sugar/sugar.js': "module.exports = 'sugar'\n",
  'node_modules/@scope/pkg/package.json': '{ "main": "./main" }',
  'node_modules/@scope/pkg/main.js': "module.exports = { scoped: true, dep: require('dep/extra') }\n"
}

type Require = ((id: string) => any) & { resolve: (id: string) => string, cache: Record<string, unknown> }

/** `require` is anchored at `<root>/main.js`; `root` is the tree's root as that require names files. */
export function observeRequire (require: Require, root: string, isBuiltin: (name: string) => boolean): Observations {
  const o = new Observer()
  const rel = (path: string): string => path.startsWith(root) ? path.slice(root.length) : `outside:${path}`
  o.see('relative file', () => require('./main'))
  o.see('json', () => require('./data.json'))
  o.see('json by extension search', () => require('./lib/ext/only'))
  o.see('json syntax error', () => require('./bad.json'))
  o.see('directory index', () => require('./lib/dir'))
  o.see('directory index with slash', () => require('./lib/dir/'))
  o.see('package main', () => require('dep'))
  o.see('package subpath without exports', () => require('dep/extra'))
  o.see('package requiring package', () => require('plain'))
  o.see('exports require condition', () => require('exp'))
  o.see('exports subpath', () => require('exp/feature'))
  o.see('exports pattern', () => require('exp/sub/a'))
  o.see('exports package.json', () => require('exp/package.json').name)
  o.see('exports hides file', () => require('exp/hidden'))
  o.see('exports hides pattern miss', () => require('exp/sub/zzz'))
  o.see('exports string sugar', () => require('sugar'))
  o.see('scoped package', () => require('@scope/pkg'))
  o.see('nested node_modules wins', () => require('./lib/nested/use'))
  o.see('cycle', () => { const a = require('./lib/cycle-a'); return [a, require('./lib/cycle-b')] })
  o.see('missing package', () => require('no-such-package'))
  o.see('missing relative', () => require('./nope'))
  o.see('throwing module, twice', () => {
    const codes = []
    for (let i = 0; i < 2; i++) { try { require('./throws') } catch (e) { codes.push((e as Error).name) } }
    return [codes, (globalThis as any).__throwsRuns]
  })
  o.see('cached identity', () => require('dep') === require('dep'))
  o.see('resolve package', () => rel(require.resolve('dep')))
  o.see('resolve exports pattern', () => rel(require.resolve('exp/sub/a')))
  o.see('resolve relative', () => rel(require.resolve('./lib/dir')))
  o.see('resolve builtin', () => require.resolve('path'))
  o.see('cache has file', () => Object.keys(require.cache).some((key) => rel(key) === '/node_modules/dep/lib/main.js'))
  o.see('builtin path', () => require('path').join('a', 'b', '..', 'c'))
  o.see('builtin node: prefix same object', () => require('node:path') === require('path'))
  o.see('builtin events is EventEmitter', () => typeof require('events') === 'function' && typeof require('events').once === 'function')
  o.see('builtin util.format', () => require('util').format('%s=%d', 'x', 5))
  o.see('unknown node: builtin', () => require('node:no-such-module'))
  o.see('builtin module', () => [typeof require('module'), typeof require('module').createRequire, require('module').isBuiltin('fs')])
  o.see('isBuiltin', () => [isBuiltin('fs'), isBuiltin('node:fs'), isBuiltin('fs/promises'), isBuiltin('no-such'), isBuiltin('node:no-such')])
  o.see('bad id type', () => require(42 as unknown as string))
  o.see('empty id', () => require(''))
  return o.results
}
