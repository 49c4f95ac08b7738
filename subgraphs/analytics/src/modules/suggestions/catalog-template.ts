import type { PatternStep } from '../patterns/pattern.entity';

/** A template of the Workflow subgraph's catalog, as much of it as suggestions need. */
export interface CatalogTemplate {
  id: string;
  name: string;
  description: string;
  /** Names of the parameters the template's steps use, e.g. `channel`. */
  parameters: string[];
  /** The event that starts the work the template automates. */
  trigger: PatternStep;
  /** The events a person produces by hand today, starting with the trigger. */
  pattern: PatternStep[];
}
