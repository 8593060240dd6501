export * from './members.module';
export * from './members.service';
export * from './members.errors';
export * from './member.entity';
export * from './member-role.entity';
export * from './member.model';
export * from './member.mapper';
