import { Module } from '@nestjs/common';
import { BranchesModule } from '@app/branches';
import { MembersModule } from '../members.module';
import { ConfirmEmailPageController } from './confirm-email-page.controller';
import { DataRightsPagesController } from './data-rights-pages.controller';
import { JoinPagesController } from './join-pages.controller';
import { MembershipLinkPageController } from './membership-link-page.controller';
import { YourDataPagesController } from './your-data-pages.controller';

/**
 * The members' supporter pages: join, your data, and the pages their emailed links open. A module of
 * its own, imported by the api only: the pages need libs/web's page context and form rate limit, which
 * the CLI (which imports MembersModule for its services) does not have.
 */
@Module({
  imports: [MembersModule, BranchesModule],
  controllers: [
    JoinPagesController,
    YourDataPagesController,
    ConfirmEmailPageController,
    DataRightsPagesController,
    MembershipLinkPageController,
  ],
})
export class MemberPagesModule {}
