import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Pledge } from './pledge.entity';
import { Venue } from './venue.entity';

/** Every statement about the `venue` table. */
@Injectable()
export class VenueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(manager: EntityManager, values: Partial<Venue>): Promise<Venue> {
    return manager.save(manager.create(Venue, values));
  }

  save(manager: EntityManager, venue: Venue): Promise<Venue> {
    return manager.save(venue);
  }

  /** Serialises demo seeding (seed-demo run twice at once) for the rest of the transaction. */
  async lockDemoSeed(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seed-demo-venues'))`);
  }

  /** Venues, whatever their pledges. */
  countAll(manager: EntityManager): Promise<number> {
    return manager.count(Venue);
  }

  getById(manager: EntityManager, id: string): Promise<Venue> {
    return manager.findOneByOrFail(Venue, { id });
  }

  /** The owner's venue, locked for the rest of `manager`'s transaction; null if not theirs. */
  lockOwned(manager: EntityManager, id: string, ownerId: string): Promise<Venue | null> {
    return manager.findOne(Venue, { where: { id, ownerId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Venues in a branch's area with a public contact address whose pledge is not verified and
   * current, by name.
   */
  unpledgedIn(branchId: string): Promise<Venue[]> {
    return (
      this.dataSource
        .getRepository(Venue)
        .createQueryBuilder('v')
        // Only venues whose owner confirmed and whose pledge was not rejected: nobody can make an
        // address a letter target by registering a venue that does not exist.
        .innerJoin(Pledge, 'p', `p.venue_id = v.id AND p.status NOT IN ('AWAITING_CONFIRMATION', 'REJECTED')`)
        .where('v.branch_id = :branchId AND v.public_email IS NOT NULL', { branchId })
        .andWhere(`NOT (p.status = 'VERIFIED' AND p.expires_at > now())`)
        .orderBy('v.name')
        .getMany()
    );
  }

  /** A person's venues, oldest first. */
  ownedBy(manager: EntityManager, ownerId: string): Promise<Venue[]> {
    return manager.find(Venue, { where: { ownerId }, order: { createdAt: 'ASC' } });
  }

  /** Venues this member registered, or whose public contact address is this one (data rights). */
  ownedOrContactedBy(manager: EntityManager, ownerId: string | null, email: string): Promise<Venue[]> {
    return manager
      .createQueryBuilder(Venue, 'v')
      .where('v.owner_id = :ownerId OR lower(v.public_email) = lower(:email)', { ownerId, email })
      .orderBy('v.created_at', 'ASC')
      .getMany();
  }

  /** Whether the address is any venue's public contact address (data rights). */
  async isPublicContact(manager: EntityManager, email: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM venue WHERE lower(public_email) = lower($1) LIMIT 1',
      [email],
    );
    return rows.length > 0;
  }

  /** Erasure: no venue shows the address as its public contact any more. */
  async forgetPublicContact(manager: EntityManager, email: string): Promise<void> {
    await manager.query(`UPDATE venue SET public_email = NULL WHERE lower(public_email) = lower($1)`, [
      email,
    ]);
  }

  /** Forgets what an erased owner said of themselves: their role, and the public address they gave. */
  async eraseOwner(manager: EntityManager, ownerId: string): Promise<void> {
    await manager.query(`UPDATE venue SET owner_role = '', public_email = NULL WHERE owner_id = $1`, [
      ownerId,
    ]);
  }
}
