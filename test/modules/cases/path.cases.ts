// Observations of path (posix and win32): the same file runs against node:path and socket:path.
import type * as NodePath from 'node:path'
import { Observer, type Observations } from '../harness/observe.ts'

type PathApi = typeof NodePath.posix

const posixInputs = ['', '.', '..', '/', '//', '/a/b/c', 'a/b/../c', './a/./b/', '/a/b/c/..', 'a//b', '../../x',
  '/foo/bar/baz.tar.gz', '.bashrc', 'file.', '..ext', '/a/b/', 'a/b.c/d', '/../x']
const win32Inputs = ['', '.', 'C:', 'C:\\', 'C:/a/b', 'c:\\a\\..\\b', 'C:foo\\bar', '\\\\server\\share', '\\\\server\\share\\dir\\f.txt',
  '\\a\\b\\', 'a\\b\\..\\..\\..\\c', '/mixed\\seps/x.js', 'D:\\x.tar.gz', '\\\\?\\C:\\x', 'file.', '..', '\\']

function observeFlavour (o: Observer, name: string, path: PathApi, inputs: string[]): void {
  o.see(`${name}.sep`, () => path.sep)
  o.see(`${name}.delimiter`, () => path.delimiter)
  for (const input of inputs) {
    for (const fn of ['normalize', 'isAbsolute', 'dirname', 'basename', 'extname', 'parse'] as const) {
      o.see(`${name}.${fn}(${JSON.stringify(input)})`, () => (path[fn] as (p: string) => unknown)(input))
    }
    o.see(`${name}.format(parse(${JSON.stringify(input)}))`, () => path.format(path.parse(input)))
    // Node's win32 basename(root, suffix) returns a separator for a bare root (a quirk we do not copy).
    if (path.parse(input).base !== '') o.see(`${name}.basename(${JSON.stringify(input)}, '.gz')`, () => path.basename(input, '.gz'))
  }
  const pairs = name === 'posix'
    ? [['/a/b/c', '/a/d'], ['/a', '/a/b/c'], ['/a/b', '/a/b'], ['/', '/x'], ['/data/orandea/test/aaa', '/data/orandea/impl/bbb']]
    : [['C:\\a\\b', 'C:\\a\\c'], ['C:\\', 'D:\\x'], ['c:\\A\\b', 'C:\\a\\B\\c'], ['\\\\s\\sh\\a', '\\\\s\\sh\\b'], ['C:\\orandea\\test\\aaa', 'C:\\orandea\\impl\\bbb']]
  // Only absolute paths here: relative ones resolve against process.cwd(), which differs between Node
  // (the repo) and the app (its resources folder); modules.webview tests cwd-based resolution separately.
  for (const [from, to] of pairs) o.see(`${name}.relative(${from}, ${to})`, () => path.relative(from, to))
  const joins = name === 'posix'
    ? [['a', 'b', '../c'], ['/a', '', 'b/'], [''], ['..', '..', 'x'], ['/', '/']]
    : [['C:', 'a', 'b'], ['\\\\server', 'share'], ['a', '..\\..', 'b'], ['C:\\', '..', 'x'], ['//x', 'y']]
  for (const parts of joins) o.see(`${name}.join(${parts.join(',')})`, () => path.join(...parts))
  const resolves = name === 'posix'
    ? [['/a', 'b', 'c'], ['/a', '/b'], ['/foo/bar', './baz'], ['/x', '..', '..', 'y']]
    : [['C:\\a', 'b'], ['C:\\a', 'D:\\b'], ['C:\\a', '\\b'], ['\\\\s\\sh', 'x']]
  for (const parts of resolves) o.see(`${name}.resolve(${parts.join(',')})`, () => path.resolve(...parts))
  o.see(`${name}.format(obj)`, () => path.format({ root: name === 'posix' ? '/' : 'C:\\', dir: '', name: 'n', ext: 'e' }))
  o.see(`${name}.format(dir)`, () => path.format({ dir: name === 'posix' ? '/x' : 'C:\\x', base: 'f.txt' }))
  o.see(`${name}.join(number)`, () => path.join(1 as unknown as string))
  o.see(`${name}.toNamespacedPath`, () => path.toNamespacedPath(name === 'posix' ? '/a/b' : 'C:\\a\\b'))
}

export function observePath (path: typeof NodePath): Observations {
  const o = new Observer()
  observeFlavour(o, 'posix', path.posix, posixInputs)
  observeFlavour(o, 'win32', path.win32, win32Inputs)
  o.see('default is posix', () => path.sep === '/' && path.join('a', 'b') === 'a/b')
  o.see('cross links', () => path.posix.win32 === path.win32 && path.win32.posix === path.posix)
  return o.results
}
