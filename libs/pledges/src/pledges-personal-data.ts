import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';
import { Venue } from './venue.entity';

/** The venues a person registered: in their data download, and withdrawn when they are erased. */
@Injectable()
export class PledgesPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    // The venues they registered, and any whose public contact address is theirs.
    this.registry.register('venues', async (manager, { memberId, email }) =>
      (
        await manager
          .createQueryBuilder(Venue, 'v')
          .where('v.owner_id = :memberId OR lower(v.public_email) = lower(:email)', { memberId, email })
          .orderBy('v.created_at', 'ASC')
          .getMany()
      ).map((v) => ({
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
      const [row] = await manager.query<unknown[]>(
        'SELECT 1 FROM venue WHERE lower(public_email) = lower($1) LIMIT 1',
        [email],
      );
      return row ? { fullName: null } : null;
    });
    this.registry.registerEraser('venues', async (manager, person) => {
      await manager.query(`UPDATE venue SET public_email = NULL WHERE lower(public_email) = lower($1)`, [
        person.email,
      ]);
      if (!person.memberId) {
        return;
      }
      // The address they gave may be their own; their pledges are withdrawn (nobody stands behind them).
      await manager.query(`UPDATE venue SET owner_role = '', public_email = NULL WHERE owner_id = $1`, [
        person.memberId,
      ]);
      await manager.query(
        `UPDATE pledge SET status = 'LAPSED', verified_at = NULL, confirm_token_hash = NULL, notes = ''
         WHERE venue_id IN (SELECT id FROM venue WHERE owner_id = $1) AND status <> 'REJECTED'`,
        [person.memberId],
      );
      await manager.query(`UPDATE pledge_decision SET note = '' WHERE actor_id = $1`, [person.memberId]);
    });
  }
}
