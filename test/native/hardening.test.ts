// The built host is hardened (docs/security.md): a position-independent executable, relocations read-only
// before main (RELRO + BIND_NOW), stack canaries and _FORTIFY_SOURCE's checked libc calls. Read from the ELF
// file itself, so the test needs no binutils.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { hostBinary } from '../host/helpers.ts'

const ET_DYN = 3
const PT_DYNAMIC = 2
const PT_GNU_RELRO = 0x6474e552
const DT_NULL = 0n
const DT_FLAGS = 30n
const DT_FLAGS_1 = 0x6ffffffbn
const DF_BIND_NOW = 0x8n
const DF_1_NOW = 0x1n
const DF_1_PIE = 0x08000000n
const SHT_DYNSYM = 11

interface Elf {
  type: number
  programTypes: number[]
  dynamic: Map<bigint, bigint>
  dynamicSymbols: string[]
}

// A 64-bit little-endian ELF, as built here (x86-64 and aarch64 Linux).
export function readElf (file: Buffer): Elf {
  assert.equal(file.readUInt32BE(0), 0x7f454c46, 'not an ELF file')
  assert.equal(file[4], 2, 'not a 64-bit ELF')
  assert.equal(file[5], 1, 'not little-endian')
  const type = file.readUInt16LE(16)
  const phoff = Number(file.readBigUInt64LE(32))
  const shoff = Number(file.readBigUInt64LE(40))
  const phentsize = file.readUInt16LE(54)
  const phnum = file.readUInt16LE(56)
  const shentsize = file.readUInt16LE(58)
  const shnum = file.readUInt16LE(60)
  const programTypes: number[] = []
  const dynamic = new Map<bigint, bigint>()
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize
    const kind = file.readUInt32LE(at)
    programTypes.push(kind)
    if (kind !== PT_DYNAMIC) continue
    const offset = Number(file.readBigUInt64LE(at + 8))
    const size = Number(file.readBigUInt64LE(at + 32))
    for (let entry = offset; entry + 16 <= offset + size; entry += 16) {
      const tag = file.readBigInt64LE(entry)
      if (BigInt(tag) === DT_NULL) break
      dynamic.set(BigInt(tag), file.readBigUInt64LE(entry + 8))
    }
  }
  const section = (i: number): { type: number, offset: number, size: number, link: number, entsize: number } => {
    const at = shoff + i * shentsize
    return {
      type: file.readUInt32LE(at + 4),
      offset: Number(file.readBigUInt64LE(at + 24)),
      size: Number(file.readBigUInt64LE(at + 32)),
      link: file.readUInt32LE(at + 40),
      entsize: Number(file.readBigUInt64LE(at + 56))
    }
  }
  const dynamicSymbols: string[] = []
  for (let i = 0; i < shnum; i++) {
    const symbols = section(i)
    if (symbols.type !== SHT_DYNSYM) continue
    const strings = section(symbols.link)
    for (let at = symbols.offset + symbols.entsize; at < symbols.offset + symbols.size; at += symbols.entsize) {
      const name = strings.offset + file.readUInt32LE(at)
      dynamicSymbols.push(file.toString('latin1', name, file.indexOf(0, name)))
    }
  }
  return { type, programTypes, dynamic, dynamicSymbols }
}

test('the host binary is PIE, fully RELRO, with stack protector and fortified libc calls', { skip: !existsSync(hostBinary) && 'build/native/socket-host is not built' }, () => {
  const elf = readElf(readFileSync(hostBinary))
  assert.equal(elf.type, ET_DYN, 'a position-independent executable is ET_DYN')
  const flags1 = elf.dynamic.get(DT_FLAGS_1) ?? 0n
  assert.ok((flags1 & DF_1_PIE) !== 0n, 'DF_1_PIE is set')
  assert.ok(elf.programTypes.includes(PT_GNU_RELRO), 'a PT_GNU_RELRO segment (-z relro)')
  assert.ok(((elf.dynamic.get(DT_FLAGS) ?? 0n) & DF_BIND_NOW) !== 0n || (flags1 & DF_1_NOW) !== 0n, 'BIND_NOW (-z now): full RELRO')
  assert.ok(elf.dynamicSymbols.includes('__stack_chk_fail'), 'stack protector: __stack_chk_fail is imported')
  const fortified = elf.dynamicSymbols.filter((name) => /^__\w+_chk$/.test(name) && name !== '__stack_chk_fail')
  assert.ok(fortified.length > 0, `_FORTIFY_SOURCE: checked libc calls are imported (${elf.dynamicSymbols.length} symbols)`)
})

// The fast read's web-process extension runs inside WebKit's web process: the same flags, less PIE (a library).
const extension = join(dirname(hostBinary), 'socket-webext', 'libsocket-fast-read.so')
test('the web-process extension is fully RELRO, with stack protector', { skip: !existsSync(extension) && 'the extension is not built' }, () => {
  const elf = readElf(readFileSync(extension))
  assert.equal(elf.type, ET_DYN)
  const flags1 = elf.dynamic.get(DT_FLAGS_1) ?? 0n
  assert.ok(elf.programTypes.includes(PT_GNU_RELRO), 'a PT_GNU_RELRO segment (-z relro)')
  assert.ok(((elf.dynamic.get(DT_FLAGS) ?? 0n) & DF_BIND_NOW) !== 0n || (flags1 & DF_1_NOW) !== 0n, 'BIND_NOW (-z now): full RELRO')
  assert.ok(elf.dynamicSymbols.includes('__stack_chk_fail'), 'stack protector: __stack_chk_fail is imported')
  // Built with _FORTIFY_SOURCE=3 too, but none of its libc calls has a size the compiler knows, so none is checked.
  // Only WebKit's entry point is exported.
  assert.ok(elf.dynamicSymbols.includes('webkit_web_extension_initialize_with_user_data'))
})

test('the ELF reader tells an unhardened executable apart', { skip: !existsSync('/usr/bin/gcc') && 'no compiler' }, async () => {
  // A tiny program built without any of the flags: the same checks must fail on it.
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
  const { spawnSync } = await import('node:child_process')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = mkdtempSync(join(tmpdir(), 'socket-elf-'))
  try {
    writeFileSync(join(dir, 'plain.c'), 'int main(void) { return 0; }\n')
    const built = spawnSync('gcc', ['-O1', '-no-pie', '-fno-stack-protector', '-Wl,-z,norelro', '-Wl,-z,lazy', '-o', join(dir, 'plain'), join(dir, 'plain.c')], { encoding: 'utf8' })
    assert.equal(built.status, 0, built.stderr)
    const elf = readElf(readFileSync(join(dir, 'plain')))
    assert.notEqual(elf.type, ET_DYN)
    assert.equal(elf.programTypes.includes(PT_GNU_RELRO), false)
    assert.equal(elf.dynamicSymbols.includes('__stack_chk_fail'), false)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
