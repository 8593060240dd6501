import { Injectable } from '@nestjs/common';
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
  ) {}

  async run(): Promise<RetentionReport> {
    const doomed: string[] = [];
    for (const { id, email } of await this.members.neverConfirmedCandidates(
      this.config.retention.unconfirmedDays,
    )) {
      if (!(await this.members.heldByAddress(email, canonicalEmail(email)))) {
        doomed.push(id);
      }
    }
    return { neverConfirmedMembersDeleted: await this.members.deleteNeverConfirmed(doomed) };
  }
}
