import { Injectable } from '@nestjs/common';
import { ConnectionShape, NotFoundError, paginate } from '@app/core';
import { PledgedVenuesArgs } from './dto/pledge.input';
import { Pledge } from './pledge.entity';
import { PledgeCount, PledgeRepository } from './pledge.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public directory: venues with a verified, current pledge, and the figures. No personal data. */
@Injectable()
export class PledgeDirectoryService {
  constructor(private readonly pledges: PledgeRepository) {}

  directory<T>(args: PledgedVenuesArgs, toNode: (pledge: Pledge) => T): Promise<ConnectionShape<T>> {
    return paginate(this.pledges.directoryQuery(args), args, toNode, {
      column: 'verified_at',
      property: 'verifiedAt',
      direction: 'DESC',
    });
  }

  /**
   * Public: a venue's verified, current pledge (with the venue), for its page in the directory. Any
   * other venue, or none, is NOT_FOUND: the same answer whatever the pledge's state.
   */
  async listedPledge(venueId: string): Promise<Pledge> {
    const pledge = UUID.test(venueId) ? await this.pledges.listedForVenue(venueId) : null;
    if (!pledge) {
      throw new NotFoundError('Venue');
    }
    return pledge;
  }

  async stats(): Promise<{ verifiedVenues: number; byBranch: PledgeCount[]; byCommitment: PledgeCount[] }> {
    const { count, byBranch, byCommitment } = await this.pledges.liveCounts();
    return { verifiedVenues: count, byBranch, byCommitment };
  }
}
