// What every backend is: a function from the model to files (path relative to the repository root → content).
import type { Api } from '../model.ts'

export type Files = Map<string, string>

export interface Backend {
  name: string
  generate (api: Api): Files
}
