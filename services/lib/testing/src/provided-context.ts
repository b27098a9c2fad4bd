declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance URL of the PostgreSQL server every suite creates its own database on. */
    postgresAdminUrl: string;
    /** JetStream server shared by suites; they isolate themselves by stream and subject names. */
    natsUrl: string;
  }
}

export {};
