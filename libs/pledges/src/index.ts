export * from './pledges.module';
export * from './pledges.service';
export * from './pledge-renewals.service';
export * from './commitment.entity';
export * from './venue.entity';
export * from './pledge.entity';
export * from './pledge-decision.entity';
export * from './pledge-retention';
