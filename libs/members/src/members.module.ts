import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MemberRole } from './member-role.entity';
import { Member } from './member.entity';
import { MembersResolver, RoleAssignmentResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  imports: [TypeOrmModule.forFeature([Member, MemberRole]), BranchesModule],
  providers: [MembersService, MembersResolver, RoleAssignmentResolver],
  exports: [MembersService],
})
export class MembersModule {}
