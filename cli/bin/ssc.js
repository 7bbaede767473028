#!/usr/bin/env node
// Launcher for `ssc`: registers tsx so the TypeScript sources run as they are (works right after `npm ci`).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2))
