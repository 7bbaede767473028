// socket:window/hotkey — the original's hotkey bindings: `bind('ctrl + shift + k')` returns a Binding whose
// `hotkey` event fires when that combination is pressed in this window; `bindings` (the default export)
// fires every binding's `hotkey` too. Window hotkeys are matched from the window's key events here.
// Global hotkeys (`{ global: true }`: pressed while another app has the focus) are grabbed by the host on
// X11 (the hotkey capability, XGrabKey); its `hotkey` events are routed to the binding by id.
import { hotkey as host, onPressed } from '../../../generated/js/hotkey.ts'

const MODIFIERS: Record<string, 'ctrl' | 'alt' | 'shift' | 'meta'> = {
  ctrl: 'ctrl', control: 'ctrl', alt: 'alt', option: 'alt', shift: 'shift', meta: 'meta', super: 'meta', cmd: 'meta', command: 'meta', win: 'meta'
}
const KEY_ALIASES: Record<string, string> = { esc: 'escape', return: 'enter', space: ' ', spacebar: ' ', up: 'arrowup', down: 'arrowdown', left: 'arrowleft', right: 'arrowright', del: 'delete', plus: '+' }

export interface HotKeySequence { ctrl: boolean, alt: boolean, shift: boolean, meta: boolean, key: string }
export interface BindOptions { passive?: boolean, global?: boolean }

/** Parses 'ctrl + shift + k' into modifiers and a key; TypeError for an empty or modifier-only expression. */
export function parse (expression: string): HotKeySequence {
  if (typeof expression !== 'string') throw Object.assign(new TypeError('The "expression" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' })
  const tokens = expression.toLowerCase().split(/\s*\+\s*(?=.)/).map((t) => t.trim()).filter((t) => t !== '')
  const sequence: HotKeySequence = { ctrl: false, alt: false, shift: false, meta: false, key: '' }
  for (const token of tokens) {
    const modifier = MODIFIERS[token]
    if (modifier !== undefined) sequence[modifier] = true
    else if (sequence.key !== '') throw new TypeError(`Invalid hotkey expression '${expression}': more than one key (${sequence.key}, ${token})`)
    else sequence.key = KEY_ALIASES[token] ?? token
  }
  if (sequence.key === '') throw new TypeError(`Invalid hotkey expression '${expression}': no key`)
  return sequence
}

function normalize (sequence: HotKeySequence): string {
  return [sequence.ctrl && 'ctrl', sequence.alt && 'alt', sequence.shift && 'shift', sequence.meta && 'meta', sequence.key].filter(Boolean).join(' + ')
}

export class HotKeyEvent extends Event {
  readonly binding: Binding
  readonly sequence: HotKeySequence
  constructor (type: string, binding: Binding) {
    super(type)
    this.binding = binding
    this.sequence = binding.sequence
  }
}

let nextId = 1

export class Binding extends EventTarget {
  readonly id: number
  readonly expression: string
  readonly sequence: HotKeySequence
  readonly passive: boolean
  readonly global: boolean
  /** The host's id for a global binding. */
  hostId: number | null = null
  isActive = true
  constructor (expression: string, options: BindOptions = {}) {
    super()
    this.sequence = parse(expression)
    this.expression = normalize(this.sequence)
    this.passive = options.passive === true
    this.global = options.global === true
    this.id = nextId++
  }

  get hash (): string { return this.expression }

  matches (event: KeyboardEvent): boolean {
    const key = event.key.toLowerCase()
    const code = event.code?.toLowerCase().replace(/^key|^digit/, '')
    return this.isActive && !this.global && event.ctrlKey === this.sequence.ctrl && event.altKey === this.sequence.alt &&
      event.shiftKey === this.sequence.shift && event.metaKey === this.sequence.meta &&
      (key === this.sequence.key || code === this.sequence.key)
  }
}

export class Bindings extends EventTarget {
  #byExpression = new Map<string, Binding>()
  #listening = false

  get size (): number { return this.#byExpression.size }
  get (expression: string): Binding | undefined { return this.#byExpression.get(normalize(parse(expression))) }
  has (expression: string): boolean { return this.get(expression) !== undefined }
  values (): IterableIterator<Binding> { return this.#byExpression.values() }
  [Symbol.iterator] (): IterableIterator<Binding> { return this.values() }

  async bind (expression: string, options: BindOptions = {}): Promise<Binding> {
    const binding = new Binding(expression, options)
    const existing = this.#byExpression.get(binding.expression)
    if (existing !== undefined) return existing
    if (binding.global) {
      binding.hostId = await host.bind(expression)
      this.#listenGlobal()
    }
    this.#byExpression.set(binding.expression, binding)
    this.#listen()
    return binding
  }

  async unbind (expressionOrBinding: string | Binding): Promise<boolean> {
    const expression = typeof expressionOrBinding === 'string' ? normalize(parse(expressionOrBinding)) : expressionOrBinding.expression
    const binding = this.#byExpression.get(expression)
    if (binding === undefined) return false
    binding.isActive = false
    this.#byExpression.delete(expression)
    if (binding.hostId !== null) await host.unbind(binding.hostId)
    return true
  }

  async reset (): Promise<void> {
    for (const binding of [...this.#byExpression.values()]) await this.unbind(binding)
  }

  #fire (binding: Binding): void {
    binding.dispatchEvent(new HotKeyEvent('hotkey', binding))
    this.dispatchEvent(new HotKeyEvent('hotkey', binding))
  }

  #globalListening = false
  #listenGlobal (): void {
    if (this.#globalListening) return
    this.#globalListening = true
    onPressed((detail) => {
      for (const binding of this.#byExpression.values()) if (binding.hostId === detail.id && binding.isActive) this.#fire(binding)
    })
  }

  #listen (): void {
    if (this.#listening || typeof globalThis.addEventListener !== 'function') return
    this.#listening = true
    globalThis.addEventListener('keydown', (event) => {
      for (const binding of this.#byExpression.values()) {
        if (!binding.matches(event as KeyboardEvent)) continue
        if (!binding.passive) event.preventDefault()
        this.#fire(binding)
      }
    }, true)
  }
}

export const bindings = new Bindings()

export async function bind (expression: string, options?: BindOptions): Promise<Binding> { return await bindings.bind(expression, options) }
export async function unbind (expression: string | Binding): Promise<boolean> { return await bindings.unbind(expression) }
export async function reset (): Promise<void> { await bindings.reset() }
export function getBindings (): Binding[] { return [...bindings.values()] }

export default bindings
