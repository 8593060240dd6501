import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Queries over signatures as a whole (retention); one signature's rules live in SignaturesService. */
@Injectable()
export class SignatureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes signatures never confirmed, made more than `days` ago. */
  async deleteUnconfirmed(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM signature WHERE status = 'PENDING' AND created_at < now() - make_interval(days => $1)`,
      [days],
    );
    return count;
  }

  /** Deletes suspect signatures (never counted) once their petition has closed. */
  async deleteSuspectOfClosedPetitions(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM signature s USING petition p
       WHERE s.petition_id = p.id AND s.status = 'SUSPECT'
         AND (p.status IN ('CLOSED', 'DELIVERED') OR p.closes_at < now())`,
    );
    return count;
  }

  /**
   * Anonymises confirmed signatures of petitions delivered more than `days` ago. The day and the
   * constituency stay, so the counts by day and by constituency do not move.
   */
  async anonymiseDelivered(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE signature s SET full_name = 'Anonymised', email = '', email_canonical = 'anonymised:' || s.id::text,
         postcode = NULL, show_name = false, ip_hash = NULL, confirm_token_hash = NULL,
         earlier_token_hashes = '{}'
       FROM petition p
       WHERE s.petition_id = p.id AND p.status = 'DELIVERED'
         AND p.delivered_at < now() - make_interval(days => $1)
         AND s.status = 'CONFIRMED' AND s.email <> ''`,
      [days],
    );
    return count;
  }
}
