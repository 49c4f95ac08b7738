export { startIntegrationServer, typeDefs } from './server';
export { entities } from './entities';
export { migrationPlan } from '../migrations';
