export { loadOrCreateDevKey } from './dev-key.js';
