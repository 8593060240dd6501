import { Module } from '@nestjs/common';
import { BranchesModule } from '@app/branches';
import { PledgesModule } from '../pledges.module';
import { PledgePagesController } from './pledge-pages.controller';
import { VenuePagesController } from './venue-pages.controller';

/**
 * The venue directory and the pledge pages. A module of its own, imported by the api only: the pages
 * need libs/web's page context and form rate limit.
 */
@Module({
  imports: [PledgesModule, BranchesModule],
  controllers: [PledgePagesController, VenuePagesController],
})
export class PledgePagesModule {}
