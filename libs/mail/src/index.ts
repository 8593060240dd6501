export * from './mail.module';
export * from './mail-template';
export * from './mail-transport';
export * from './mail-delivery.service';
export * from './outbox.service';
export * from './outbox-message.entity';
export * from './outbox.repository';
export * from './outbox-retention';
