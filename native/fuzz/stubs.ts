// Writes the dispatch fuzzer's stand-in services: for every generated service class in generated/cpp/*.hh, a
// class whose every operation answers `ok`. The generated dispatch in front of them (argument decoding and
// validation) is what that fuzzer exercises; fs gets the real service instead (fuzz_dispatch.cc).
// Usage: tsx native/fuzz/stubs.ts <out.cc>. Rewrites the file only when its text changes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const headers = join(repo, 'generated', 'cpp')
const out = process.argv[2]
if (!out) throw new Error('usage: stubs.ts <out.cc>')

const includes: string[] = []
const classes: string[] = []
const registers: string[] = []
for (const file of readdirSync(headers).filter((name) => name.endsWith('.hh')).sort()) {
  const text = readFileSync(join(headers, file), 'utf8')
  const ns = /^namespace (api::\w+) \{/m.exec(text)?.[1]
  const service = /^class (\w+Service) \{/m.exec(text)?.[1]
  const register = /^void (register\w+Routes) \(/m.exec(text)?.[1]
  if (!ns || !service || !register) continue
  if (service === 'FsService') continue  // the real one
  const methods = [...text.matchAll(/virtual void (\w+) \(const ipc::Context& context, (\w+) args, ipc::Reply reply\) = 0;/g)]
  includes.push(`#include "generated/cpp/${file}"`)
  classes.push([
    `class ${service}Stub final : public ${ns}::${service} {`,
    ' public:',
    ...methods.map(([, name, args]) => `  void ${name} (const ipc::Context&, ${ns}::${args}, ipc::Reply reply) override { reply.ok(); }`),
    '};'
  ].join('\n'))
  registers.push(`  static ${service}Stub ${service.charAt(0).toLowerCase()}${service.slice(1)};\n  ${ns}::${register}(router, ${service.charAt(0).toLowerCase()}${service.slice(1)});`)
}
const text = `// Written by native/fuzz/stubs.ts from generated/cpp/*.hh; not committed.
${includes.join('\n')}

namespace fuzz {
${classes.join('\n\n')}

void registerStubServices (ipc::Router& router) {
${registers.join('\n')}
}
}  // namespace fuzz
`
if (!existsSync(out) || readFileSync(out, 'utf8') !== text) writeFileSync(out, text)
