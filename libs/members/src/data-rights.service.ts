import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AddressMailCap,
  AppConfig,
  AuditService,
  InvalidLinkError,
  isFirstRequest,
  withResponseFloor,
} from '@app/core';
import { Mailbag, MailTemplate, OutboxRepository, OutboxService } from '@app/mail';
import { AddressTokenRepository } from './address-token.repository';
import { ConsentRepository } from './consent.repository';
import { addressOwnSections, membersOwnSections } from './data-export';
import { dataExportTemplate, erasureTemplate } from './data-rights.templates';
import { MemberLinks, memberTokenExpiry } from './member-links';
import { MemberRoleRepository } from './member-role.repository';
import { MemberTokenRepository } from './member-token.repository';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import { PersonalDataRegistry } from './personal-data.registry';
import { SuppressionRepository } from './suppression.repository';

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
    private readonly members: MemberRepository,
    private readonly roles: MemberRoleRepository,
    private readonly consent: ConsentRepository,
    private readonly tokens: MemberTokenRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly outboxRows: OutboxRepository,
    private readonly links: MemberLinks,
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
      let memberId = await this.links.redeem(manager, token, 'data-export', false);
      if (!memberId) {
        const email = await this.addressTokens.redeem(manager, token, 'data-export', false);
        if (!email) {
          throw new InvalidLinkError();
        }
        // Someone who has joined since asking gets their member record's download.
        memberId = (await this.members.findOwn(email, manager))?.id ?? null;
        if (!memberId) {
          return this.exportAddress(manager, email);
        }
      }
      return this.exportMember(manager, memberId);
    });
  }

  private async exportMember(manager: EntityManager, memberId: string): Promise<Record<string, unknown>> {
    const member = await this.members.getWithBranch(manager, memberId);
    // What branches hold of the same address apart from the person's own record (BranchRecordsService).
    const records = await this.members.provisionalRecordsOf(manager, member.email);
    const own = membersOwnSections(
      {
        member,
        records,
        roles: await this.roles.withBranches(manager, memberId),
        consent: await this.consent.byMember(manager, memberId),
        emails: await this.outboxRows.toAddress(manager, member.email),
      },
      new Date(),
    );
    await this.audit.record({ action: 'data-rights.access-download', subjectId: memberId }, manager);
    return {
      ...own,
      ...(await this.sections.collect(
        manager,
        { memberId, email: member.email },
        records.map((r) => r.id),
      )),
    };
  }

  /** The download for an address with no member record: what every library holds under it. */
  private async exportAddress(manager: EntityManager, email: string): Promise<Record<string, unknown>> {
    const records = await this.members.provisionalRecordsOf(manager, email);
    await this.audit.record({ action: 'data-rights.access-download' }, manager);
    return {
      ...addressOwnSections(
        { email, records, emails: await this.outboxRows.toAddress(manager, email) },
        new Date(),
      ),
      ...(await this.sections.collect(
        manager,
        { memberId: null, email },
        records.map((r) => r.id),
      )),
    };
  }

  /** Erases the person behind a confirmation link (once): a member's link, or an address's. */
  async confirmErasure(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberId = await this.links.redeem(manager, token, 'erasure', true);
      if (memberId) {
        return this.erase(manager, memberId, null);
      }
      const email = await this.addressTokens.redeem(manager, token, 'erasure', true);
      if (!email) {
        throw new InvalidLinkError();
      }
      // Joined since asking: the member record goes, and with it everything under the address.
      const own = await this.members.findOwn(email, manager);
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
    for (const record of await this.members.lockProvisionalRecordsOf(manager, email)) {
      await this.eraseRecord(manager, record, null);
    }
    await this.sections.erase(manager, { memberId: null, email });
    await this.suppressions.add(manager, email);
    await this.outboxRows.eraseAddress(manager, email, `erased-${randomUUID()}@erased.invalid`);
    await this.addressTokens.deleteFor(manager, email);
    await this.audit.record({ action: 'data-rights.erase-address' }, manager);
  }

  /**
   * Removes every personal field and record, keeps the anonymised row (so counts elsewhere stay
   * right) and a hashed suppression entry (so an import cannot bring the person back). The
   * branches' provisional records of the same address go the same way.
   */
  async erase(manager: EntityManager, memberId: string, actorId: string | null): Promise<void> {
    const member = await this.members.lock(manager, memberId);
    if (!member || member.erasedAt) {
      return;
    }
    if (!member.provisional) {
      const records = await this.members.lockProvisionalRecordsOf(manager, member.email);
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
    await this.suppressions.add(manager, member.email);
    await this.outboxRows.eraseAddress(manager, member.email, placeholder);
    await this.addressTokens.deleteFor(manager, member.email);
    await this.consent.deleteFor(manager, memberId);
    await this.tokens.deleteFor(manager, memberId);
    await this.roles.deleteFor(manager, memberId);
    await this.members.update(manager, memberId, {
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
      const memberId = await this.links.redeem(manager, token, 'unsubscribe', false);
      if (!memberId) {
        throw new InvalidLinkError();
      }
      if (await this.members.update(manager, memberId, { emailOptIn: false }, { emailOptIn: true })) {
        await this.consent.record(manager, {
          memberId,
          emailOptIn: false,
          source: 'unsubscribe',
          recordedById: null,
        });
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
    const token = await this.links.create(manager, member.id, 'unsubscribe');
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
        const member = await this.members.findOwn(email, manager);
        if (!member) {
          // Someone who never joined (a signer, a writer, someone mailed): a link tied to the address.
          return this.mailAddressLink(manager, mail, email.trim(), purpose, template, path, action);
        }
        if (member.erasedAt) {
          return;
        }
        // Past the per-address mail cap the request is still recorded, but nothing is mailed.
        if (await this.mailCap.allows(purpose, member.email)) {
          const token = await this.links.create(manager, member.id, purpose);
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
      (await this.members.provisionalRecordsOf(manager, email))[0] ??
      ((await this.outboxRows.toAddress(manager, email)).length > 0 ? { fullName: null } : null);
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
