import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstallationModule, MAIL_QUEUE } from '@app/core';
import { MailDeliveryService } from './mail-delivery.service';
import { MailTransport } from './mail-transport';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { DeliveryHandlers, OutboxService } from './outbox.service';

/** Writing mail (the outbox), for any module that sends email. */
@Module({
  imports: [
    TypeOrmModule.forFeature([OutboxMessage]),
    BullModule.registerQueue({ name: MAIL_QUEUE }),
    InstallationModule,
  ],
  providers: [OutboxRepository, OutboxService, DeliveryHandlers],
  exports: [OutboxRepository, OutboxService, DeliveryHandlers, BullModule, InstallationModule],
})
export class MailModule {}

/** Sending mail, and moving written mail to the queue (OutboxRelay): only the worker imports this. */
@Module({
  imports: [MailModule, TypeOrmModule.forFeature([OutboxMessage])],
  providers: [MailTransport, MailDeliveryService, OutboxRelay],
  exports: [MailDeliveryService, MailTransport, MailModule],
})
export class MailDeliveryModule {}
