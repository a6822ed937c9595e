export * from './checkout-contract';
export * from './member-code';
