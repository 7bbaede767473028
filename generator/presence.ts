// The one optionality rule every backend reads (as `presence` on each argument and dictionary member).
import type { DefaultValue, Type } from './model.ts'

// 'required': always on the wire. 'defaulted': may be absent; the default (or the type's own empty value, for
// buffers and JSON values) fills it, so the native field always holds a value. 'maybe': the native field can hold no
// value (Kotlin null, Swift nil, C++ std::optional): nullable types, and optional ones without a default.
export type Presence = 'required' | 'defaulted' | 'maybe'

export function presenceOf (type: Type, optional: boolean, value: DefaultValue | undefined): Presence {
  if (type.kind === 'nullable') return 'maybe'
  if (!optional) return 'required'
  if (type.kind === 'buffer' || type.kind === 'json') return 'defaulted'
  return !value || value.kind === 'null' ? 'maybe' : 'defaulted'
}
