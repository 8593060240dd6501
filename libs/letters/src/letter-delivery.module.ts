import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { TargetRepository } from '@app/targets';
import { LetterOutcomes } from './letter-delivery';
import { LetterRepository } from './letter.repository';

/** For the worker: what happens to a letter once the SMTP server has answered. */
@Module({ imports: [MailModule], providers: [LetterRepository, TargetRepository, LetterOutcomes] })
export class LetterDeliveryModule {}
