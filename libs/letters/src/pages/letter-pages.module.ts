import { Module } from '@nestjs/common';
import { BranchesModule } from '@app/branches';
import { LettersModule } from '../letters.module';
import { AdvocacyPagesController } from './advocacy-pages.controller';
import { LetterPagesController } from './letter-pages.controller';

/**
 * The letter-campaign pages, for the api only: the CLI imports LettersModule and has no web layer
 * (page contexts, form rate limits), so the page controller lives in a module of its own.
 */
@Module({
  imports: [LettersModule, BranchesModule],
  controllers: [LetterPagesController, AdvocacyPagesController],
})
export class LetterPagesModule {}
