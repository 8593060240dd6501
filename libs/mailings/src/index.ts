export * from './mailings.module';
export * from './pages/mailing-pages.module';
export * from './mailing.entity';
export * from './mailings.service';
export * from './mailing-sender';
export * from './mailing-body';
export * from './mailing.repository';
export * from './mailings.errors';
