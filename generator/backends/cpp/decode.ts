// The statements of the generated dispatch that decode and validate one argument.
import type { Argument } from '../../model.ts'
import { cppName } from './names.ts'

// Lines (without indentation) that read `arg` from `message` into `args.<name>`, returning through
// `fail(reply, error)` on the first problem.
export function decodeArgument (arg: Argument): string[] {
  const field = `args.${cppName(arg.name)}`
  const name = JSON.stringify(arg.name)
  const encoding = arg.codec
  const lines: string[] = []
  const base = arg.type.kind === 'nullable' ? arg.type.inner : arg.type
  const mayBeAbsent = arg.presence !== 'required'
  const optionalStorage = arg.presence === 'maybe'
  if (encoding === 'body') {
    lines.push(`${field} = message.body;`)
  } else {
    const target = optionalStorage && encoding === 'text' ? `${field}.emplace()` : field
    const fromTextFn = base.kind === 'float' && base.unrestricted ? 'ipc::fromTextUnrestricted' : 'fromText'
    const decode = encoding === 'text'
      ? [`if (!${fromTextFn}(*text, ${name}, ${target}, error)) return fail(reply, error);`]
      : [
          'ipc::Json json;',
          `if (!ipc::parseJsonArgument(*text, ${name}, json, error)) return fail(reply, error);`,
          `if (!fromJson(json, ${name}, ${target}, error)) return fail(reply, error);`
        ]
    lines.push(`if (const std::string* text = message.param(${name})) {`)
    lines.push(...decode.map((line) => `  ${line}`))
    if (mayBeAbsent) {
      lines.push('}')
    } else {
      lines.push('} else {')
      lines.push(`  return fail(reply, ipc::missingArgument(${name}));`)
      lines.push('}')
    }
  }
  if (arg.maxLength !== undefined) {
    const value = optionalStorage && encoding !== 'body' ? `${field}->size()` : `${field}.size()`
    const guard = optionalStorage && encoding !== 'body' ? `${field} && ` : ''
    lines.push(`if (${guard}!ipc::checkMaxLength(${value}, ${arg.maxLength}, ${name}, error)) return fail(reply, error);`)
  }
  return lines
}
