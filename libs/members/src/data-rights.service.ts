import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AddressMailCap,
  AppConfig,
  AuditService,
  hashToken,
  isFirstRequest,
  withResponseFloor,
} from '@app/core';
import { Mailbag, MailTemplate, OutboxMessage, OutboxService } from '@app/mail';
import { AddressTokenRepository } from './address-token.repository';
import { recordConsent } from './consent';
import { ConsentRecord } from './consent-record.entity';
import { dataExportTemplate, erasureTemplate } from './data-rights.templates';
import { createMemberToken, memberTokenExpiry, redeemMemberToken } from './member-links';
import { MemberRole } from './member-role.entity';
import { MemberToken } from './member-token.entity';
import { Member } from './member.entity';
import { InvalidMemberLinkError } from './members.errors';
import { PersonalDataRegistry } from './personal-data.registry';
import { Suppression } from './suppression.entity';

/** The key under which an erased address is suppressed: SHA-256 of the trimmed, lower-cased address. */
export function suppressionKey(email: string): string {
  return hashToken(email.trim().toLowerCase());
}

export interface CampaignMailParams {
  unsubscribeLink: string;
}

/**
 * A person's rights over their data, with no account: a copy of it, its erasure, and leaving
 * campaign email with one click. Requests answer the same whether or not the address is known.
 */
@Injectable()
export class DataRightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly sections: PersonalDataRegistry,
    private readonly mailCap: AddressMailCap,
    private readonly addressTokens: AddressTokenRepository,
  ) {}

  requestData(email: string): Promise<void> {
    return this.mailLinkIfKnown(
      email,
      'data-export',
      dataExportTemplate,
      '/my-data',
      'data-rights.access-request',
    );
  }

  requestErasure(email: string): Promise<void> {
    return this.mailLinkIfKnown(email, 'erasure', erasureTemplate, '/erase', 'data-rights.erasure-request');
  }

  /**
   * Everything held about the person behind a download link (valid for 24 hours): a member's link,
   * or an address's (someone who never joined).
   */
  async exportData(token: string): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) => {
      let memberId = await redeemMemberToken(manager, token, 'data-export', false);
      if (!memberId) {
        const email = await this.addressTokens.redeem(manager, token, 'data-export', false);
        if (!email) {
          throw new InvalidMemberLinkError();
        }
        // Someone who has joined since asking gets their member record's download.
        memberId = (await this.ownRecord(manager, email))?.id ?? null;
        if (!memberId) {
          return this.exportAddress(manager, email);
        }
      }
      return this.exportMember(manager, memberId);
    });
  }

  private async exportMember(manager: EntityManager, memberId: string): Promise<Record<string, unknown>> {
    const member = await manager.findOneOrFail(Member, {
      where: { id: memberId },
      relations: { branch: true },
    });
    // What branches hold of the same address apart from the person's own record (BranchRecordsService).
    const records = await this.branchRecordsOf(manager, member.email);
    const roles = await manager.find(MemberRole, { where: { memberId }, relations: { branch: true } });
    const consent = await manager.find(ConsentRecord, { where: { memberId }, order: { createdAt: 'ASC' } });
    await this.audit.record({ action: 'data-rights.access-download', subjectId: memberId }, manager);
    return {
      exportedAt: new Date().toISOString(),
      member: {
        id: member.id,
        email: member.email,
        fullName: member.fullName,
        postcode: member.postcode,
        branch: member.branch ? { slug: member.branch.slug, name: member.branch.name } : null,
        emailOptIn: member.emailOptIn,
        emailConfirmedAt: member.emailConfirmedAt,
        tags: member.tags,
        joinedAt: member.createdAt,
        archivedAt: member.archivedAt,
      },
      roles: roles.map((r) => ({ role: r.role, branch: r.branch?.slug ?? null, since: r.createdAt })),
      consentRecords: consent.map((c) => ({
        emailOptIn: c.emailOptIn,
        wording: c.wording,
        wordingVersion: c.wordingVersion,
        source: c.source,
        at: c.createdAt,
      })),
      emailsSent: await this.emailsTo(manager, member.email),
      branchRecords: records.map(branchRecordOf),
      ...(await this.sections.collect(
        manager,
        { memberId, email: member.email },
        records.map((r) => r.id),
      )),
    };
  }

  /** The download for an address with no member record: what every library holds under it. */
  private async exportAddress(manager: EntityManager, email: string): Promise<Record<string, unknown>> {
    const records = await this.branchRecordsOf(manager, email);
    await this.audit.record({ action: 'data-rights.access-download' }, manager);
    return {
      exportedAt: new Date().toISOString(),
      email,
      member: null,
      roles: [],
      consentRecords: [],
      emailsSent: await this.emailsTo(manager, email),
      branchRecords: records.map(branchRecordOf),
      ...(await this.sections.collect(
        manager,
        { memberId: null, email },
        records.map((r) => r.id),
      )),
    };
  }

  private async emailsTo(manager: EntityManager, email: string): Promise<Array<Record<string, unknown>>> {
    const emails = await manager
      .createQueryBuilder(OutboxMessage, 'o')
      .where('lower(o.to_address) = lower(:email)', { email })
      .orderBy('o.created_at', 'ASC')
      .getMany();
    return emails.map((e) => ({
      template: e.template,
      subject: e.subject,
      status: e.status,
      createdAt: e.createdAt,
      sentAt: e.sentAt,
    }));
  }

  private branchRecordsOf(manager: EntityManager, email: string): Promise<Member[]> {
    return manager.find(Member, {
      where: { email, provisional: true },
      relations: { branch: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** The person's own (not provisional) member record for an address, if any. */
  private ownRecord(manager: EntityManager, email: string): Promise<Member | null> {
    return manager.findOneBy(Member, { email: email.trim(), provisional: false });
  }

  /** Erases the person behind a confirmation link (once). */
  async confirmErasure(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberId = await redeemMemberToken(manager, token, 'erasure', true);
      if (memberId) {
        return this.erase(manager, memberId, null);
      }
      const email = await this.addressTokens.redeem(manager, token, 'erasure', true);
      if (!email) {
        throw new InvalidMemberLinkError();
      }
      // Joined since asking: the member record goes, and with it everything under the address.
      const own = await this.ownRecord(manager, email);
      if (own) {
        return this.erase(manager, own.id, null);
      }
      await this.eraseAddress(manager, email);
    });
  }

  /**
   * Erases what is held under an address with no member record of its own: every library's rows
   * (anonymised where they are counted), the branches' provisional records, the outbox, and the
   * address's own links; its hash goes on the suppression list like a member's.
   */
  private async eraseAddress(manager: EntityManager, email: string): Promise<void> {
    const records = await manager.find(Member, {
      where: { email, provisional: true },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const record of records) {
      await this.eraseRecord(manager, record, null);
    }
    await this.sections.erase(manager, { memberId: null, email });
    await this.suppress(manager, email);
    await this.scrubOutbox(manager, email, `erased-${randomUUID()}@erased.invalid`);
    await this.addressTokens.deleteFor(manager, email);
    await this.audit.record({ action: 'data-rights.erase-address' }, manager);
  }

  private async suppress(manager: EntityManager, email: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Suppression)
      .values({ emailHash: suppressionKey(email) })
      .orIgnore()
      .execute();
  }

  /** Mail to the address loses its recipient and content; nothing still waiting goes out. */
  private async scrubOutbox(manager: EntityManager, email: string, placeholder: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({
        toAddress: placeholder,
        subject: '(erased)',
        textBody: null,
        htmlBody: null,
        attachments: null,
        headers: {},
        lastError: null,
      })
      .where('lower(to_address) = lower(:email)', { email })
      .execute();
    await manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ status: 'FAILED', failedAt: () => 'now()', lastError: "erased at the recipient's request" })
      .where(`to_address = :placeholder AND status = 'PENDING'`, { placeholder })
      .execute();
  }

  /**
   * Removes every personal field and record, keeps the anonymised row (so counts elsewhere stay
   * right) and a hashed suppression entry (so an import cannot bring the person back). The
   * branches' provisional records of the same address go the same way.
   */
  async erase(manager: EntityManager, memberId: string, actorId: string | null): Promise<void> {
    const member = await manager.findOne(Member, {
      where: { id: memberId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!member || member.erasedAt) {
      return;
    }
    if (!member.provisional) {
      const records = await manager.find(Member, {
        where: { email: member.email, provisional: true },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      for (const record of records) {
        await this.eraseRecord(manager, record, actorId);
      }
    }
    await this.eraseRecord(manager, member, actorId);
  }

  private async eraseRecord(manager: EntityManager, member: Member, actorId: string | null): Promise<void> {
    const memberId = member.id;
    const placeholder = `erased-${member.id}@erased.invalid`;
    await this.sections.erase(manager, { memberId: member.id, email: member.email });
    await this.suppress(manager, member.email);
    await this.scrubOutbox(manager, member.email, placeholder);
    await this.addressTokens.deleteFor(manager, member.email);
    await manager.delete(ConsentRecord, { memberId });
    await manager.delete(MemberToken, { memberId });
    await manager.delete(MemberRole, { memberId });
    await manager.update(Member, memberId, {
      email: placeholder,
      fullName: 'Erased',
      postcode: null,
      tags: [],
      emailOptIn: false,
      emailConfirmedAt: null,
      archivedAt: member.archivedAt ?? new Date(),
      erasedAt: new Date(),
    });
    await this.audit.record(
      { action: 'member.erase', actorId, branchId: member.branchId, subjectId: memberId },
      manager,
    );
  }

  /** One-click unsubscribe (RFC 8058): the link stays valid, and a second use changes nothing. */
  async unsubscribe(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberId = await redeemMemberToken(manager, token, 'unsubscribe', false);
      if (!memberId) {
        throw new InvalidMemberLinkError();
      }
      const changed = await manager.update(Member, { id: memberId, emailOptIn: true }, { emailOptIn: false });
      if (changed.affected) {
        await recordConsent(manager, memberId, false, 'unsubscribe', null);
      }
    });
  }

  /**
   * Adds a campaign email for a member to the transaction's mail, with one-click unsubscribe
   * (headers and a link for the template's footer). Sends nothing, and returns false, unless the
   * person opted in, confirmed their address and is neither archived nor erased.
   */
  async addCampaignMail<P extends object>(
    manager: EntityManager,
    mail: Mailbag,
    member: Member,
    template: MailTemplate<P & CampaignMailParams>,
    params: P,
  ): Promise<boolean> {
    if (
      !member.emailOptIn ||
      !member.emailConfirmedAt ||
      member.archivedAt ||
      member.erasedAt ||
      member.emailBouncingAt
    ) {
      return false;
    }
    const token = await createMemberToken(manager, member.id, 'unsubscribe');
    const unsubscribeLink = `${this.config.publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
    await mail.add(
      template,
      member.email,
      { ...params, unsubscribeLink },
      {
        'List-Unsubscribe': `<${unsubscribeLink}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    );
    return true;
  }

  private async mailLinkIfKnown(
    email: string,
    purpose: 'data-export' | 'erasure',
    template: MailTemplate<{ fullName: string; link: string }>,
    path: string,
    action: string,
  ): Promise<void> {
    await withResponseFloor(this.config.publicResponseFloorMs, () =>
      this.outbox.transaction(async (manager, mail) => {
        // Asking twice at once (or again within the window) mails one link. Checked before knowing
        // whether the address is known, so both cases behave alike.
        const request = { email: email.trim().toLowerCase() };
        if (!(await isFirstRequest(manager, this.config.repeatWindowMs, purpose, request))) {
          return;
        }
        const member = await this.ownRecord(manager, email);
        if (!member) {
          // Someone who never joined (a signer, a writer, someone mailed): a link tied to the address.
          return this.mailAddressLink(manager, mail, email.trim(), purpose, template, path, action);
        }
        if (member.erasedAt) {
          return;
        }
        // Past the per-address mail cap the request is still recorded, but nothing is mailed.
        if (await this.mailCap.allows(purpose, member.email)) {
          const token = await createMemberToken(manager, member.id, purpose);
          await mail.add(
            template,
            member.email,
            {
              fullName: member.fullName,
              link: `${this.config.publicUrl}${path}?token=${encodeURIComponent(token)}`,
            },
            {},
            [],
            { expiresAt: memberTokenExpiry(purpose) },
          );
        }
        await this.audit.record({ action, branchId: member.branchId, subjectId: member.id }, manager);
      }),
    );
  }

  private async mailAddressLink(
    manager: EntityManager,
    mail: Mailbag,
    email: string,
    purpose: 'data-export' | 'erasure',
    template: MailTemplate<{ fullName: string; link: string }>,
    path: string,
    action: string,
  ): Promise<void> {
    const held =
      (await this.sections.findHeld(manager, email)) ??
      (await this.branchRecordsOf(manager, email))[0] ??
      ((await this.emailsTo(manager, email)).length > 0 ? { fullName: null } : null);
    if (!held) {
      return;
    }
    if (await this.mailCap.allows(purpose, email)) {
      const token = await this.addressTokens.create(manager, email, purpose);
      await mail.add(
        template,
        email,
        {
          fullName: held.fullName ?? 'there',
          link: `${this.config.publicUrl}${path}?token=${encodeURIComponent(token)}`,
        },
        {},
        [],
        { expiresAt: this.addressTokens.expiry() },
      );
    }
    await this.audit.record({ action }, manager);
  }
}

function branchRecordOf(r: Member): Record<string, unknown> {
  return {
    branch: r.branch?.slug ?? null,
    fullName: r.fullName,
    postcode: r.postcode,
    emailOptIn: r.emailOptIn,
    tags: r.tags,
    addedAt: r.createdAt,
  };
}
