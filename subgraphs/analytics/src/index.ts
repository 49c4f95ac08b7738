export { startAnalyticsServer, typeDefs } from './server';
export { entities } from './entities';
export { migrationPlan } from '../migrations';
