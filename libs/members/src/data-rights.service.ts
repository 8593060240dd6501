import { Injectable } from '@nestjs/common';
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
import { ConsentRepository } from './consent.repository';
import { membersOwnSections } from './data-export';
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

  /** Everything held about the person behind a download link (valid for 24 hours). */
  async exportData(token: string): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) => {
      const memberId = await this.links.redeem(manager, token, 'data-export', false);
      if (!memberId) {
        throw new InvalidLinkError();
      }
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
          memberId,
          records.map((r) => r.id),
        )),
      };
    });
  }

  /** Erases the person behind a confirmation link (once). */
  async confirmErasure(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberId = await this.links.redeem(manager, token, 'erasure', true);
      if (!memberId) {
        throw new InvalidLinkError();
      }
      await this.erase(manager, memberId, null);
    });
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
    if (!member.emailOptIn || !member.emailConfirmedAt || member.archivedAt || member.erasedAt) {
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
        if (!member || member.erasedAt) {
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
}
