export * from './claims.js';
export * from './models.js';
export * from './snapshot.js';
export * from './token-crypto.js';
export * from './users.js';
