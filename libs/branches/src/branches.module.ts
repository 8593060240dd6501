import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Branch } from './branch.entity';
import { BranchRepository } from './branch.repository';
import { BranchesResolver } from './branches.resolver';
import { BranchesService } from './branches.service';

@Module({
  imports: [TypeOrmModule.forFeature([Branch])],
  providers: [BranchRepository, BranchesService, BranchesResolver],
  exports: [BranchRepository, BranchesService],
})
export class BranchesModule {}
