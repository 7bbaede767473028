// socket:signal — the original's deprecated alias of socket:process/signal.
export * from './process/signal.ts'
export { default } from './process/signal.ts'
