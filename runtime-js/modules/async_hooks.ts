// socket:async_hooks — Node's async_hooks: AsyncLocalStorage, AsyncResource, createHook, executionAsyncId,
// triggerAsyncId, executionAsyncResource. The store crosses promise callbacks, timers and listeners, not a
// native `await` (runtime-js/internal/async/propagation.ts says why).
import { AsyncHook, AsyncResource, createHook, executionAsyncId, executionAsyncResource, triggerAsyncId } from '../internal/async/hooks.ts'
import { AsyncLocalStorage } from '../internal/async/storage.ts'

export { AsyncHook, AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, executionAsyncResource, triggerAsyncId }
export const asyncWrapProviders: Readonly<Record<string, number>> = Object.freeze({ NONE: 0 })

export default { AsyncHook, AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, executionAsyncResource, triggerAsyncId, asyncWrapProviders }
