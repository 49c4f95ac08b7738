export * from './databases';
export * from './statements';
export * from './requests';
export * from './polling';
export * from './random';
export * from './ports';
export * from './entity-reads';
