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
    // The venues they registered, and any whose public contact address is theirs; with each venue
    // they own, its pledge (status, commitments, notes, dates) and the pledge's history (what was
    // decided and when, with the note given; not who decided).
    this.registry.register('venues', async (manager, { memberId, email }) => {
      const venues = await this.venues.ownedOrContactedBy(manager, memberId, email);
      const owned = venues.filter((v) => memberId !== null && v.ownerId === memberId).map((v) => v.id);
      const pledges = owned.length > 0 ? await this.pledges.ofVenues(manager, owned) : [];
      const history =
        pledges.length > 0
          ? await this.pledges.history(
              pledges.map((p) => p.id),
              manager,
            )
          : [];
      return venues.map((v) => {
        const pledge = pledges.find((p) => p.venueId === v.id);
        return {
          name: v.name,
          kind: v.kind,
          address: v.address,
          postcode: v.postcode,
          publicEmail: v.publicEmail,
          role: v.ownerRole,
          registeredAt: v.createdAt,
          pledge: pledge
            ? {
                status: pledge.status,
                commitments: pledge.commitments,
                notes: pledge.notes,
                madeAt: pledge.createdAt,
                verifiedAt: pledge.verifiedAt,
                expiresAt: pledge.expiresAt,
                history: history
                  .filter((d) => d.pledgeId === pledge.id)
                  .map((d) => ({ action: d.action, note: d.note, at: d.createdAt })),
              }
            : null,
        };
      });
    });
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
