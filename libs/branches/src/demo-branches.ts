/** The demo branches seeded into an empty database by `npm start`. */
export const DEMO_BRANCHES = [
  { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'], contactEmail: null },
  { slug: 'glasgow', name: 'Glasgow', postcodeAreas: ['G'], contactEmail: null },
  { slug: 'edinburgh', name: 'Edinburgh', postcodeAreas: ['EH'], contactEmail: null },
] as const;
