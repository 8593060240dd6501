export * from './targets.module';
export * from './targets.service';
export * from './targets-import.service';
export * from './postcode-lookup';
export * from './geography.entity';
export * from './target.entity';
