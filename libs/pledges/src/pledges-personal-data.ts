import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';
import { PledgeRepository } from './pledge.repository';
import { VenueRepository } from './venue.repository';

/** The venues a person registered: in their data download, and withdrawn when they are erased. */
@Injectable()
export class PledgesPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly venues: VenueRepository,
    private readonly pledges: PledgeRepository,
  ) {}

  onModuleInit(): void {
    // The venues they registered, and any whose public contact address is theirs.
    this.registry.register('venues', async (manager, { memberId, email }) =>
      (await this.venues.ownedOrContactedBy(manager, memberId, email)).map((v) => ({
        name: v.name,
        kind: v.kind,
        address: v.address,
        postcode: v.postcode,
        publicEmail: v.publicEmail,
        role: v.ownerRole,
        registeredAt: v.createdAt,
      })),
    );
    this.registry.registerHolder('venues', async (manager, email) => {
      return (await this.venues.isPublicContact(manager, email)) ? { fullName: null } : null;
    });
    this.registry.registerEraser('venues', async (manager, person) => {
      await this.venues.forgetPublicContact(manager, person.email);
      if (!person.memberId) {
        return;
      }
      // The address they gave may be their own; their pledges are withdrawn (nobody stands behind them).
      await this.venues.eraseOwner(manager, person.memberId);
      await this.pledges.withdrawOwnedBy(manager, person.memberId);
      await this.pledges.eraseNotesBy(manager, person.memberId);
    });
  }
}
