export {
  startAdapter,
  ADAPTER_VERSION,
  type RunningAdapter,
  type AdapterStatus,
} from './pos-adapter';
export { loadAdapterConfig, parseAdapterConfig, type AdapterConfig } from './config';
export { createAdapterLogger } from './logger';
export { ScanLineSplitter, type ScannedLine } from './scan-line-splitter';
export { decideScan, type ScanDecision } from './scan-decision';
export { TillCheckoutSchema, type TillCheckoutInput, type TillOutcome } from './till-checkout';
