export * from './letters.module';
export * from './pages/letter-pages.module';
export * from './letter-campaign.entity';
export * from './letter.entity';
export * from './letter-campaigns.service';
export * from './letters.service';
export * from './letter-template';
export * from './letter-delivery';
