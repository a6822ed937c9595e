/**
 * Node-only helpers shared by the server and the adapters (they use node:crypto, so the
 * mini-program never imports this entry point): `@memberkit/shared/node`.
 */
export * from './device-signature';
