import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { BranchRecordsResolver } from './branch-records.resolver';
import { BranchRecordsService } from './branch-records.service';
import { ConsentRecord } from './consent-record.entity';
import { ConsentRepository } from './consent.repository';
import { DataRightsResolver } from './data-rights.resolver';
import { DataRightsService } from './data-rights.service';
import { PersonalDataRegistry } from './personal-data.registry';
import { Suppression } from './suppression.entity';
import { SuppressionRepository } from './suppression.repository';
import { JoinResolver } from './join.resolver';
import { MemberCsvController } from './member-csv.controller';
import { MemberCsvService } from './member-csv.service';
import { JoinService } from './join.service';
import { MemberDirectoryService } from './member-directory.service';
import { MemberLinks } from './member-links';
import { AddressToken } from './address-token.entity';
import { AddressTokenRepository } from './address-token.repository';
import { MemberToken } from './member-token.entity';
import { MemberTokenRepository } from './member-token.repository';
import { MemberRole } from './member-role.entity';
import { MemberRoleRepository } from './member-role.repository';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import { MembersResolver, RoleAssignmentResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Member, MemberRole, ConsentRecord, MemberToken, AddressToken, Suppression]),
    BranchesModule,
    MailModule,
  ],
  controllers: [MemberCsvController],
  providers: [
    MemberRepository,
    MemberRoleRepository,
    MemberTokenRepository,
    ConsentRepository,
    SuppressionRepository,
    MemberLinks,
    MembersService,
    MembersResolver,
    RoleAssignmentResolver,
    JoinService,
    JoinResolver,
    MemberDirectoryService,
    DataRightsService,
    DataRightsResolver,
    AddressTokenRepository,
    MemberCsvService,
    PersonalDataRegistry,
    BranchRecordsService,
    BranchRecordsResolver,
  ],
  exports: [
    MemberRepository,
    SuppressionRepository,
    AddressTokenRepository,
    MembersService,
    MemberDirectoryService,
    DataRightsService,
    PersonalDataRegistry,
    BranchRecordsService,
    JoinService,
  ],
})
export class MembersModule {}
