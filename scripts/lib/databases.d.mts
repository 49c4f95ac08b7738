/** Types for the jest global setup, the one TypeScript caller of databases.mjs. */
export interface Resource {
  url: string;
  source: string;
  stop(): Promise<void>;
  kill(): void;
}

export interface Databases {
  redis: Resource;
  postgres: Resource;
  stop(): Promise<void>;
  kill(): void;
}

export function resolveDatabases(options?: {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  onStarted?: (resource: Resource) => void;
}): Promise<Databases>;
