import { Module } from '@nestjs/common';
import { BranchesModule } from '@app/branches';
import { PetitionsModule } from '../petitions.module';
import { PetitionPagesController } from './petition-pages.controller';

/**
 * The petitions' supporter pages (list, petition, sign, confirm, embed). A module of its own,
 * imported by the api only: the pages need libs/web's page context and form rate limit.
 */
@Module({
  imports: [PetitionsModule, BranchesModule],
  controllers: [PetitionPagesController],
})
export class PetitionPagesModule {}
