// socket:i18n — the original's locale messages, shaped as chrome.i18n: messages live in
// `locales/<locale>/messages.json` under the app root (`{ "key": { "message": "Hi $1", "description": "…",
// "placeholders": { "name": { "content": "$1" } } } }`), or at the path `[i18n.locales] <locale> = path` names;
// `[i18n] default_locale` is the fallback (default "en"). Reads are synchronous (getMessage is) and cached.
import { runtimeArgs } from '../internal/args.ts'
import { readText } from '../internal/commonjs/fetch-sync.ts'

export interface MessageEntry { message: string, description?: string, placeholders?: Record<string, { content: string, example?: string }> }
export type Messages = Record<string, MessageEntry>
export interface MessageOptions { locale?: string }

export const LocaleDirection = Object.freeze({ LTR: 'ltr', RTL: 'rtl' })
const RTL_LANGUAGES = new Set(['ar', 'arc', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ku', 'ps', 'sd', 'ur', 'yi'])

function config (): Record<string, unknown> { return runtimeArgs().config }

export const DEFAULT_LOCALE: string = String(config().i18n_default_locale ?? 'en')

const cache = new Map<string, Messages | null>()

function localeUrl (locale: string): string {
  const configured = config()[`i18n_locales_${locale}`]
  const path = typeof configured === 'string' && configured !== '' ? configured : `locales/${locale}/messages.json`
  const base = new URL('/', globalThis.location?.href ?? 'socket://localhost/')
  const url = new URL(path.replace(/^\.?\//, ''), base)
  return url.pathname.endsWith('.json') ? url.href : new URL('messages.json', url.href.endsWith('/') ? url : url.href + '/').href
}

function normalizeLocale (locale: string): string { return locale.replace('-', '_') }

/** The messages of `locale` ('en', 'en_US' or 'en-US'), or null when the app has none for it. */
export function getMessagesForLocale (locale: string): Messages | null {
  if (typeof locale !== 'string' || locale === '') throw Object.assign(new TypeError('The "locale" argument must be a non-empty string'), { code: 'ERR_INVALID_ARG_TYPE' })
  const key = normalizeLocale(locale)
  if (!cache.has(key)) {
    const text = readText(localeUrl(key))
    let messages: Messages | null = null
    if (text !== null) {
      try { messages = JSON.parse(text) } catch { throw new SyntaxError(`locales/${key}/messages.json is not valid JSON`) }
    }
    cache.set(key, messages)
  }
  return cache.get(key) ?? null
}

/** The locales to try, most specific first: en_US, en, then the default locale. */
function candidates (locale: string): string[] {
  const key = normalizeLocale(locale)
  const list = [key, key.split('_')[0], normalizeLocale(DEFAULT_LOCALE)]
  return [...new Set(list)]
}

function find (name: string, options: MessageOptions): MessageEntry | undefined {
  for (const locale of candidates(options.locale ?? getUILanguage())) {
    const entry = getMessagesForLocale(locale)?.[name]
    if (entry !== undefined) return entry
  }
  return undefined
}

/** The message `messageName` with `$1`…`$9` and named `$placeholder$`s filled in; '' when no locale has it. */
export function getMessage (messageName: string, substitutions: string | string[] = [], options: MessageOptions = {}): string {
  if (typeof messageName !== 'string') throw Object.assign(new TypeError('The "messageName" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' })
  const entry = find(messageName, options)
  if (entry === undefined) return ''
  const values = (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String)
  const fill = (text: string): string => text.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '')
  const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (match, name: string) => {
    const placeholder = Object.entries(entry.placeholders ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())
    return placeholder !== undefined ? placeholder[1].content : match
  })
  return fill(withPlaceholders).replace(/\$\$/g, '$')
}

export function getMessageDescription (messageName: string, options: MessageOptions = {}): string {
  return find(messageName, options)?.description ?? ''
}

export function getUILanguage (): string {
  return globalThis.navigator?.language ?? DEFAULT_LOCALE
}

export function getAcceptLanguages (defaultValue: string[] = []): string[] {
  const languages = globalThis.navigator?.languages
  return languages !== undefined && languages.length > 0 ? [...languages] : defaultValue
}

export function getLocaleDirection (locale: string = getUILanguage()): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(normalizeLocale(locale).split('_')[0].toLowerCase()) ? LocaleDirection.RTL : LocaleDirection.LTR
}

export default {
  LocaleDirection, DEFAULT_LOCALE, getMessagesForLocale, getMessage, getMessageDescription, getUILanguage,
  getAcceptLanguages, getLocaleDirection
}
