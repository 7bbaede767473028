// socket:sys — Node's deprecated alias of util.
export * from './util.ts'
export { default } from './util.ts'
