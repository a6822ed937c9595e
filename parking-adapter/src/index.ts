export {
  startAdapter,
  ADAPTER_VERSION,
  type RunningAdapter,
  type AdapterStatus,
} from './parking-adapter';
export { loadAdapterConfig, parseAdapterConfig, type AdapterConfig } from './config';
export { createAdapterLogger } from './logger';
export {
  readPlatePush,
  plateReply,
  continueOfflineReply,
  cometReply,
  type PlatePush,
} from './camera-protocol';
export { OfflineDecisions, type OfflineRules, type Decision } from './offline-decisions';
export { encodeLedText } from './led-text';
