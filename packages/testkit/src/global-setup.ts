import { startEmbeddedDatabase } from '@velog-insights/embedded-db';
import type { TestProject } from 'vitest/node';
// Brings in the ProvidedContext declaration only; nothing of that module runs here.
import type {} from './database.js';

// One server for the whole run; each test file makes (and drops) its own database on it.
export default async function setup(project: TestProject) {
  const database = await startEmbeddedDatabase({
    externalUri: process.env.MONGODB_URI || undefined,
    log: (line) => console.log(`[testkit] ${line}`),
  });
  project.provide('mongoUri', database.uri);
  project.provide('mongoKind', database.kind);
  return async () => {
    await database.stop();
  };
}
