// What testkit's globalSetup provides, declared here so this package typechecks on its own.
declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: string;
  }
}

export {};
