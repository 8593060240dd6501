import type { BranchesService } from '@app/branches';
import { LoaderRegistry } from '@app/core';
import type { CampaignEvent } from '../event.entity';
import type { EventsService } from '../events.service';
import type { EventItem } from './event.views';

/**
 * Events as the pages list them, with their branch names and places left, through the per-request
 * loaders (one query for the branches, one for the counts). Used by the home and branch pages too.
 */
export async function eventItems(
  events: EventsService,
  branches: BranchesService,
  list: CampaignEvent[],
  loaders = new LoaderRegistry(),
): Promise<EventItem[]> {
  const [branchRows, going] = await Promise.all([
    branches.loader(loaders).loadMany(list.map((e) => e.branchId)),
    events.spacesLeftLoader(loaders).loadMany(list.map((e) => e.id)),
  ]);
  return list.map((event, i) => {
    const branch = branchRows[i];
    const count = going[i];
    return {
      event,
      branchName: branch && !(branch instanceof Error) ? branch.name : null,
      spacesLeft:
        event.capacity === null
          ? null
          : Math.max(0, event.capacity - (typeof count === 'number' ? count : 0)),
    };
  });
}
