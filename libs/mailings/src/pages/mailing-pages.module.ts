import { Module } from '@nestjs/common';
import { MailingsModule } from '../mailings.module';
import { MailingPagesController } from './mailing-pages.controller';

/** The unsubscribe page, for the api only (the web layer is the api's). */
@Module({ imports: [MailingsModule], controllers: [MailingPagesController] })
export class MailingPagesModule {}
