export {
  createRedis,
  describeRedisUrl,
  pingRedis,
  redisUrl,
  DEFAULT_REDIS_URL,
} from './connection.js';
export { DEFAULT_PREFIX, QUEUE_NAMES, keys, queuePrefix } from './names.js';
export {
  commandQueueNames,
  queueJobCounts,
  removeSweepJobs,
  trialJobId,
  type TrialJobData,
  type TrialJobResult,
} from './jobs.js';
export {
  createTrialQueue,
  createTrialWorker,
  createTrialQueueEvents,
  type TrialQueue,
  type TrialWorker,
  type TrialWorkerOptions,
} from './factories.js';
export {
  publishSweepEvent,
  subscribeSweepEvents,
  SweepEventPublisher,
  type SweepEvent,
  type SweepEventInput,
  type SweepEventType,
  type SweepEventSubscription,
} from './events.js';
export {
  ControllerInbox,
  controllerBacklog,
  sendToController,
  replyStopDecision,
  type ControllerMessage,
  type ReportMessage,
  type WakeMessage,
  type StopDecisionReply,
} from './controller-inbox.js';
export {
  acceptsProgram,
  commandQueueName,
  commandRoute,
  commandSweepWaiting,
  commandWaitingReason,
  liveWorkerEntries,
  liveWorkers,
  type LiveWorker,
  WorkerRegistration,
  type WorkerCapabilities,
} from './workers.js';
export {
  createPromotionQueue,
  requestPromotionJob,
  type PromotionJobData,
  type PromotionJobResult,
  type PromotionQueue,
  type PromotionWait,
} from './promotions.js';
