export * from './retention.module';
export * from './health-checks';
export * from './metrics';
export * from './operations.module';
export * from './queue-dashboard';
