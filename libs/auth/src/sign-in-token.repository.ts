import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SignInToken } from './sign-in-token.entity';

/** Every statement about the `sign_in_token` table (only hashes of the links' tokens are kept). */
@Injectable()
export class SignInTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    values: { tokenHash: string; memberId: string; expiresAt: Date },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(SignInToken, values);
  }

  /** Marks a live, unused token used (once, whoever races) and returns its member; null if none. */
  async claim(manager: EntityManager, tokenHash: string): Promise<string | null> {
    const claimed = await manager
      .createQueryBuilder()
      .update(SignInToken)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :hash AND used_at IS NULL AND expires_at > now()', { hash: tokenHash })
      .returning(['memberId'])
      .execute();
    return (claimed.raw as Array<{ member_id: string }>)[0]?.member_id ?? null;
  }
}
