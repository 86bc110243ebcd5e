export { type TestDatabase, useTestDatabase } from './database.js';
