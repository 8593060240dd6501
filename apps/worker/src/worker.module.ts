import { Module } from '@nestjs/common';
import { CoreConfigModule, DatabaseModule, LoggingModule, QueueModule } from '@app/core';
import { MailDeliveryModule } from '@app/mail';
import { MailProcessor } from './processors/mail.processor';

@Module({
  imports: [CoreConfigModule, LoggingModule, DatabaseModule.forRoot(), QueueModule, MailDeliveryModule],
  providers: [MailProcessor],
})
export class WorkerModule {}
