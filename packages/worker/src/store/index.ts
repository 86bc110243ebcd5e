export * from './models.js';
export * from './token-crypto.js';
