import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { Session } from './session.entity';

/** Every statement about the `session` table (only hashes of the session tokens are kept). */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    values: { tokenHash: string; memberId: string; expiresAt: Date },
  ): Promise<void> {
    await manager.insert(Session, values);
  }

  /** The live (neither revoked nor expired) session with this token hash, with its member. */
  findLive(tokenHash: string): Promise<Session | null> {
    return this.dataSource.getRepository(Session).findOne({
      where: { tokenHash, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      relations: { member: true },
    });
  }

  /** Revokes the session with this token hash, if there is one and it is not revoked already. */
  async revokeByTokenHash(tokenHash: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ tokenHash, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Revokes the session if it is not already. */
  async revoke(id: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
