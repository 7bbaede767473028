// socket:latica/index — the same module as socket:latica (the original's latica/index.js, which socket:latica
// re-exported).
export * from '../latica.ts'
export { default } from '../latica.ts'
