import { Foundation1763884800000 } from './1763884800000-Foundation';

export { ENTITIES } from './entities';

/** Every migration, in order. Add new ones at the end. */
export const MIGRATIONS = [Foundation1763884800000];
