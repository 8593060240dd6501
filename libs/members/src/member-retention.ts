import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, canonicalEmail, RetentionReport, RetentionTask } from '@app/core';
import { MemberRepository } from './member.repository';

/**
 * A member record made by the public /join or pledge form and never confirmed is deleted after
 * UNCONFIRMED_RETENTION_DAYS, if nothing else holds the person: no signature, letter, reply, role,
 * venue (so a pledge's owner goes once retention has deleted their unconfirmed pledge, run before
 * this) or anything else (see `neverConfirmedCandidates`). Safe to run twice.
 */
@Injectable()
export class MemberRetention implements RetentionTask {
  constructor(
    private readonly members: MemberRepository,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(): Promise<RetentionReport> {
    const candidates = await this.members.neverConfirmedCandidates(this.config.retention.unconfirmedDays);
    if (candidates.length === 0) {
      return { neverConfirmedMembersDeleted: 0 };
    }
    const deleted = await this.dataSource.transaction(async (manager) => {
      // Locked first: a join or sign-in link being written for one of them (its row references the
      // record) waits for us, and one written before is seen by the checks and the DELETE below,
      // which run after the lock with a fresh view.
      const locked = await this.members.lockNeverConfirmed(
        manager,
        candidates.map((c) => c.id),
      );
      const doomed: string[] = [];
      for (const { id, email } of locked) {
        if (!(await this.members.heldByAddress(email, canonicalEmail(email), manager))) {
          doomed.push(id);
        }
      }
      return this.members.deleteNeverConfirmed(doomed, manager);
    });
    return { neverConfirmedMembersDeleted: deleted };
  }
}
