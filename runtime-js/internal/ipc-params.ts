// How socket:ipc's untyped calls turn a value into URI parameters, as the original did: an object's keys
// become parameters (objects inside as JSON), a scalar becomes `value=`. Generated bindings do their own.
import type { Params } from '../ipc/index.ts'

export function toParams (value: unknown): Params {
  if (value === undefined || value === null) return []
  if (typeof value !== 'object' || ArrayBuffer.isView(value)) return [['value', stringify(value)]]
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => [key, stringify(v)] as const)
}

function stringify (value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'bigint') return value.toString()
  if (value !== null && typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => typeof v === 'bigint' ? v.toString() : v)
  return String(value)
}
