import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Branch, BranchesService } from '@app/branches';
import { AddressMailCap, AppConfig, InvalidLinkError, isFirstRequest, withResponseFloor } from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { findOrAddPublicMember } from './public-member';
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
    private readonly mailCap: AddressMailCap,
  ) {}

  /**
   * Always the same answer in the same time. A new person is added (unconfirmed) with their
   * consent recorded, and gets a confirmation link; a known address gets "you are already with us"
   * and nothing about the existing record changes (nobody can alter someone else's membership).
   * Past the per-address mail cap nothing is mailed (the person is still added).
   */
  async join(input: JoinCampaignInput): Promise<void> {
    const branch = await this.chooseBranch(input);
    await withResponseFloor(this.config.publicResponseFloorMs, () =>
      this.outbox.transaction(async (manager, mail) => {
        // A double-click (or ten at once) joins and mails once.
        const request = { ...input, email: input.email.trim().toLowerCase() };
        if (!(await isFirstRequest(manager, this.config.repeatWindowMs, 'join', request))) {
          return;
        }
        const { member, created } = await findOrAddPublicMember(
          manager,
          {
            email: input.email,
            fullName: input.fullName,
            postcode: input.postcode,
            branchId: branch?.id ?? null,
            emailOptIn: input.emailOptIn,
          },
          'join',
        );
        if (!(await this.mailCap.allows('join', member.email))) {
          return;
        }
        if (created) {
          await mail.add(
            confirmJoinTemplate,
            member.email,
            {
              fullName: member.fullName,
              link: await this.confirmationLink(manager, member.id),
              branch: branch ? ` ${branch.name}` : '',
            },
            {},
            [],
            { expiresAt: memberTokenExpiry('confirm-email') },
          );
          return;
        }
        await this.mailAlreadyMember(manager, mail, member);
      }),
    );
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
    if (input.branchSlug) {
      const branch = await this.branches.findBySlug(input.branchSlug);
      if (!branch) {
        throw new UnknownBranchError();
      }
      return branch;
    }
    return this.branches.coveringPostcode(input.postcode);
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
      member.emailConfirmedAt ? {} : { expiresAt: memberTokenExpiry('confirm-email') },
    );
  }

  private async confirmationLink(manager: EntityManager, memberId: string): Promise<string> {
    const token = await this.links.create(manager, memberId, 'confirm-email');
    return `${this.config.publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
  }
}
