import { PatternEntity } from './modules/patterns/pattern.entity';

/** Every entity this subgraph maps, listed explicitly. */
export const entities = [PatternEntity];
