import { IntegrationEntity } from './modules/integrations/integration.entity';

/** Every entity this subgraph maps, listed explicitly. */
export const entities = [IntegrationEntity];
