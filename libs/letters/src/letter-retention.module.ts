import { Module } from '@nestjs/common';
import { LetterRetention } from './letter-retention';
import { LetterRepository } from './letter.repository';

/** For the worker's schedule and the CLI's retention command. */
@Module({ providers: [LetterRepository, LetterRetention], exports: [LetterRetention] })
export class LetterRetentionModule {}
