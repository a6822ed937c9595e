export * from './points-program';
export * from './shanghai-calendar';
export * from './compute-award';
export * from './amount-due';
export * from './tiers';
export * from './points-lots';
export * from './describe-points';
