import { PatternEntity } from './modules/patterns/pattern.entity';
import { SuggestionEntity } from './modules/suggestions/suggestion.entity';

/** Every entity this subgraph maps, listed explicitly. */
export const entities = [PatternEntity, SuggestionEntity];
