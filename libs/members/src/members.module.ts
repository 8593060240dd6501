import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { BranchRecordsResolver } from './branch-records.resolver';
import { BranchRecordsService } from './branch-records.service';
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
import { AddressToken } from './address-token.entity';
import { AddressTokenRepository } from './address-token.repository';
import { MemberToken } from './member-token.entity';
import { MemberRole } from './member-role.entity';
import { Member } from './member.entity';
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
