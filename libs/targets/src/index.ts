export * from './targets.module';
export * from './targets.service';
export * from './targets-import.service';
export * from './scottish-parliament-import.service';
export { MSP_UPLOAD_PATH } from './targets-import.controller';
export * from './postcode-lookup';
export * from './geography.entity';
export * from './target.entity';
export * from './target.model';
