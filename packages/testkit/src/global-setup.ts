import { startEmbeddedDatabase } from '@velog-insights/embedded-db';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: string;
  }
}

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
