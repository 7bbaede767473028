// socket:language — ISO 639-1 language codes and their English names (names from Intl.DisplayNames), with
// the original's `lookup`/`describe` queries by code ('en', 'en-US', 'en_US') or by name ('English').
export const codes: readonly string[] = Object.freeze((
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el ' +
  'en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ' +
  'ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na ' +
  'nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so ' +
  'sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' '))

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' })

export const names: readonly string[] = Object.freeze(codes.map((code) => displayNames.of(code) ?? code))

export interface LanguageDescription { code: string, name: string, tag: string | null }
export interface LanguageQueryOptions { strict?: boolean }

export class LanguageQueryResult {
  code: string
  name: string
  tags: string[]
  constructor (code: string, name: string, tags: string[] = []) {
    this.code = code
    this.name = name
    this.tags = tags
  }
}

function splitTag (query: string): [string, string | null] {
  const [code, region] = query.replace('_', '-').split('-')
  return [code.toLowerCase(), region !== undefined ? `${code.toLowerCase()}-${region.toUpperCase()}` : null]
}

/** Languages matching `query` by code (exact) or by name (prefix, or exact with `strict`). */
export function lookup (query: string, options: LanguageQueryOptions = {}): LanguageQueryResult[] {
  if (typeof query !== 'string') throw Object.assign(new TypeError('The "query" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' })
  const [code, tag] = splitTag(query.trim())
  const index = codes.indexOf(code)
  if (index >= 0) return [new LanguageQueryResult(code, names[index], tag !== null ? [tag] : [])]
  const lowered = query.trim().toLowerCase()
  return codes.flatMap((c, i) => {
    const name = names[i].toLowerCase()
    const matches = options.strict === true ? name === lowered : name.startsWith(lowered) && lowered !== ''
    return matches ? [new LanguageQueryResult(c, names[i])] : []
  })
}

/** Descriptions ({ code, name, tag }) of the languages matching `query`. */
export function describe (query: string, options: LanguageQueryOptions = {}): LanguageDescription[] {
  return lookup(query, options).map((result) => ({ code: result.code, name: result.name, tag: result.tags[0] ?? null }))
}

export default { codes, names, lookup, describe, LanguageQueryResult }
