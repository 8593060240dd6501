export * from './branches.module';
export * from './branches.service';
export * from './branch.entity';
export * from './branch.model';
export * from './branch.mapper';
export * from './demo-branches';
export * from './branch.repository';
