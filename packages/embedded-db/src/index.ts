export {
  ensureFerretDb,
  FERRETDB_VERSION,
  ferretDbBinaryPath,
  type RunningFerretDb,
  startFerretDb,
} from './ferretdb.js';
export { freePort } from './free-port.js';
export { MongoBinaryUnavailable, startMemoryServer } from './memory-server.js';
export { waitForPing } from './ping.js';
export { type DatabaseKind, type EmbeddedDatabase, startEmbeddedDatabase } from './start.js';
