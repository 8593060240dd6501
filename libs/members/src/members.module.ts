import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { ConsentRecord } from './consent-record.entity';
import { DataRightsResolver } from './data-rights.resolver';
import { DataRightsService } from './data-rights.service';
import { PersonalDataRegistry } from './personal-data.registry';
import { Suppression } from './suppression.entity';
import { JoinResolver } from './join.resolver';
import { MemberCsvController } from './member-csv.controller';
import { MemberCsvService } from './member-csv.service';
import { JoinService } from './join.service';
import { MemberDirectoryService } from './member-directory.service';
import { MemberToken } from './member-token.entity';
import { MemberRole } from './member-role.entity';
import { Member } from './member.entity';
import { MembersResolver, RoleAssignmentResolver } from './members.resolver';
import { MembersService } from './members.service';
import { ConfirmEmailPageController } from './pages/confirm-email-page.controller';
import { DataRightsPagesController } from './pages/data-rights-pages.controller';
import { JoinPagesController } from './pages/join-pages.controller';
import { YourDataPagesController } from './pages/your-data-pages.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Member, MemberRole, ConsentRecord, MemberToken, Suppression]),
    BranchesModule,
    MailModule,
  ],
  controllers: [
    ConfirmEmailPageController,
    DataRightsPagesController,
    MemberCsvController,
    JoinPagesController,
    YourDataPagesController,
  ],
  providers: [
    MembersService,
    MembersResolver,
    RoleAssignmentResolver,
    JoinService,
    JoinResolver,
    MemberDirectoryService,
    DataRightsService,
    DataRightsResolver,
    MemberCsvService,
    PersonalDataRegistry,
  ],
  exports: [MembersService, MemberDirectoryService, DataRightsService, PersonalDataRegistry],
})
export class MembersModule {}
