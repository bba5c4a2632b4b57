export { KondadoModel } from './model.ts'
export { ManualClock } from './clock.ts'
export type {
  AuthFailure,
  ModelDependency,
  ModelOptions,
  ModelRunSpec,
  ModelSpec,
  PipelineRunSpec,
  PipelineSpec,
  RequestLogEntry,
  RequestOutcome,
  RunSpans,
  SimClock,
  SimRequest,
  SimResponse,
  SocketAction,
} from './model.ts'
export { KondadoSimulator } from './server.ts'
export type { Fault, FaultMatch, InjectedFault, InjectOptions, RequestKind } from './faults.ts'
export type { ModelStatus, PipelineStatus, StatusOverride } from './status.ts'
export type { DuplicatePayload } from './duplicate.ts'
export type { RateLimitOptions } from './rate-limit.ts'
export { DEMO_KEY, DEMO_TOKEN, demoScenario } from './scenarios.ts'
export { ActionsCacheStandIn } from './actions-cache.ts'
export type { CacheEntry, CacheRequest, CannedAnswer } from './actions-cache.ts'
