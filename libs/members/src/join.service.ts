import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Branch, BranchesService } from '@app/branches';
import {
  AppConfig,
  generateToken,
  hashToken,
  InvalidLinkError,
  RepeatGuard,
  repeatKey,
  withResponseFloor,
} from '@app/core';
import { Mailbag, OutboxService, outboxRow } from '@app/mail';
import { JoinCampaignInput } from './dto/join-campaign.input';
import { alreadyMemberTemplate, confirmJoinTemplate } from './join.templates';
import { MemberLinks, memberTokenExpiry } from './member-links';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import { UnknownBranchError } from './members.errors';

/** Joining the campaign from the public form, and confirming the address by the emailed link. */
@Injectable()
export class JoinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberRepository,
    private readonly links: MemberLinks,
    private readonly branches: BranchesService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly repeats: RepeatGuard,
  ) {}

  /**
   * Always the same answer in the same time. A new person is added (unconfirmed) with their
   * consent recorded, and gets a confirmation link; a known address gets "you are already with us"
   * and nothing about the existing record changes (nobody can alter someone else's membership).
   * Past the per-address mail cap nothing is mailed (the person is still added).
   */
  async join(input: JoinCampaignInput): Promise<void> {
    const branch = await this.chooseBranch(input);
    await withResponseFloor(this.config.publicResponseFloorMs, async () => {
      // A double-click (or ten at once) joins and mails once.
      const request = {
        key: repeatKey('join', { ...input, email: input.email.trim().toLowerCase() }),
        windowMs: this.config.repeatWindowMs,
      };
      // A new person's record, consent, link and confirmation are one statement with the claim, so
      // the link and the email are made before it is known whether they will be used. The mail cap
      // counts the confirmation when the relay queues it (past the cap it is never sent; the person
      // stays added, and joining again later mails them a link).
      const token = generateToken();
      const email = input.email.trim();
      const joined = await this.members.joinIfNew(
        request,
        {
          email,
          fullName: input.fullName,
          postcode: input.postcode,
          branchId: branch?.id ?? null,
          emailOptIn: input.emailOptIn,
        },
        {
          purpose: 'confirm-email',
          tokenHash: hashToken(token),
          expiresAt: memberTokenExpiry('confirm-email'),
        },
        outboxRow(
          confirmJoinTemplate,
          email,
          {
            fullName: input.fullName,
            link: this.confirmationUrl(token),
            branch: branch ? ` ${branch.name}` : '',
          },
          {},
          [],
          { expiresAt: memberTokenExpiry('confirm-email'), mailCapKind: 'join' },
        ),
      );
      if (!joined.first || joined.added) {
        return;
      }
      // The address has its own record: its owner hears they are already with us (counted by the
      // mail cap as the relay queues it, as the confirmation was, so in the order they were written).
      try {
        await this.outbox.transaction(async (manager, mail) => {
          const member = await this.members.getOwn(manager, email);
          await this.mailAlreadyMember(manager, mail, member);
        });
      } catch (error) {
        // The claim committed with the statement: give it back, or a retry would be taken for a
        // double-click and do nothing.
        await this.repeats.release(request.key).catch(() => undefined);
        throw error;
      }
    });
  }

  /** Confirms the address behind a link (once). */
  async confirmEmail(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberId = await this.links.redeem(manager, token, 'confirm-email', true);
      if (!memberId) {
        throw new InvalidLinkError();
      }
      await this.members.confirmEmail(manager, memberId);
    });
  }

  private async chooseBranch(input: JoinCampaignInput): Promise<Branch | null> {
    const branch = await this.branches.forPublicForm(input.branchSlug, input.postcode);
    if (branch === undefined) {
      throw new UnknownBranchError();
    }
    return branch;
  }

  private async mailAlreadyMember(manager: EntityManager, mail: Mailbag, member: Member): Promise<void> {
    await mail.add(
      alreadyMemberTemplate,
      member.email,
      {
        fullName: member.fullName,
        link: member.emailConfirmedAt ? '' : await this.confirmationLink(manager, member.id),
      },
      {},
      [],
      {
        mailCapKind: 'join',
        ...(member.emailConfirmedAt ? {} : { expiresAt: memberTokenExpiry('confirm-email') }),
      },
    );
  }

  private async confirmationLink(manager: EntityManager, memberId: string): Promise<string> {
    return this.confirmationUrl(await this.links.create(manager, memberId, 'confirm-email'));
  }

  private confirmationUrl(token: string): string {
    return `${this.config.publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
  }
}
