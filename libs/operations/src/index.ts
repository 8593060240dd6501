export * from './retention.module';
export * from './health-checks';
export * from './health-checks.module';
export * from './metrics';
export * from './operations.module';
export * from './queue-dashboard';
