export * from './petitions.module';
export * from './petitions.service';
export * from './signatures.service';
export * from './petition.entity';
export * from './signature.entity';
export * from './petition-count.entity';
export * from './signer-rules';
export * from './client-address-retention';
