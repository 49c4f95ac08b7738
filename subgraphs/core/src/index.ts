export { startCoreServer, typeDefs, type CoreServerDeps } from './server';
export { loadCoreConfig, coreConfigShape, type CoreConfig } from './config';
export { entities } from './entities';
export { migrationPlan } from '../migrations';
