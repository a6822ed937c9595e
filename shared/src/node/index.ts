/**
 * Node-only helpers shared by the server and the adapters (they use node:crypto, fetch and
 * pino, so the mini-program never imports this entry point): `@memberkit/shared/node`.
 */
export * from './device-signature';
export * from './device-server-link';
export * from './device-logger';
export * from './connectivity';
export * from './sealed-text';
