import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  AddressMailCap,
  AppConfig,
  Authenticator,
  generateToken,
  hashToken,
  InvalidLinkError,
  isFirstRequest,
  withResponseFloor,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { type Member, MemberRepository, MembersService } from '@app/members';
import { SessionRepository } from './session.repository';
import { signInLinkTemplate } from './sign-in-link.template';
import { SignInTokenRepository } from './sign-in-token.repository';

export const SIGN_IN_LINK_MINUTES = 15;

/** Used, expired, unknown and erased people's links all get the same answer. */
const staleSignInLink = (): InvalidLinkError =>
  new InvalidLinkError({
    code: 'UNAUTHENTICATED',
    message: 'This sign-in link has expired or has already been used. Please ask for a new one.',
  });

export interface SignedIn {
  token: string;
  expiresAt: Date;
  member: Member;
}

@Injectable()
export class AuthService implements Authenticator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly tokens: SignInTokenRepository,
    private readonly members: MembersService,
    private readonly memberRows: MemberRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly mailCap: AddressMailCap,
  ) {}

  /**
   * Mails a sign-in link to a known member. Answers the same, in the same time, for any address:
   * an unknown one simply gets nothing, and past the per-address mail cap (MAIL_CAP_PER_KIND an
   * hour, five by default) neither does a known one. A repeat within REPEAT_WINDOW_SECONDS (a
   * double-click, ten at once) sends nothing new: the link already sent works.
   */
  async requestSignInLink(email: string): Promise<void> {
    await withResponseFloor(this.config.publicResponseFloorMs, async () => {
      const member = await this.members.findByEmail(email);
      if (!member) {
        return;
      }
      await this.outbox.transaction(async (manager, mail) => {
        const request = { email: email.trim().toLowerCase() };
        if (!(await isFirstRequest(manager, this.config.repeatWindowMs, 'sign-in', request))) {
          return;
        }
        if (await this.mailCap.allows('sign-in', member.email)) {
          await this.mailSignInLink(manager, mail, member);
        }
      });
    });
  }

  /** Creates a sign-in link without mailing it (the CLI prints it for the first admin). */
  async createSignInLink(member: Member): Promise<{ link: string; expiresAt: Date }> {
    const token = generateToken();
    const expiresAt = new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000);
    await this.tokens.insert({ tokenHash: hashToken(token), memberId: member.id, expiresAt });
    return { link: this.linkFor(token), expiresAt };
  }

  /** Exchanges a link token for a session. The token works once, within its 15 minutes. */
  async signIn(token: string): Promise<SignedIn> {
    return this.dataSource.transaction(async (manager) => {
      const memberId = await this.tokens.claim(manager, hashToken(token));
      if (!memberId) {
        throw staleSignInLink();
      }
      const sessionToken = generateToken();
      const expiresAt = new Date(Date.now() + this.config.sessionTtlDays * 86_400_000);
      await this.sessions.insert(manager, { tokenHash: hashToken(sessionToken), memberId, expiresAt });
      const member = await this.memberRows.getById(memberId, manager);
      if (member.erasedAt) {
        throw staleSignInLink();
      }
      return { token: sessionToken, expiresAt, member };
    });
  }

  /** Implements the core guard's Authenticator: a live session's token → who is acting. */
  async authenticate(bearerToken: string): Promise<Actor | null> {
    const session = await this.sessions.findLive(hashToken(bearerToken));
    if (!session || session.member?.erasedAt) {
      return null;
    }
    const roles = await this.members.rolesOf(session.memberId);
    return new Actor(session.memberId, session.id, roles.isAdmin, roles.organiserOf);
  }

  /**
   * Ends the actor's session and, when the request also carried the dashboard's cookie (a bearer
   * header wins for authentication), the cookie's session too: signing out leaves no live session
   * behind in the browser whose cookie is being cleared.
   */
  async signOut(actor: Actor, cookieToken?: string): Promise<void> {
    await this.sessions.revoke(actor.sessionId);
    if (cookieToken) {
      await this.sessions.revokeByTokenHash(hashToken(cookieToken));
    }
  }

  private async mailSignInLink(manager: EntityManager, mail: Mailbag, member: Member): Promise<void> {
    const token = generateToken();
    const expiresAt = new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000);
    await this.tokens.insert({ tokenHash: hashToken(token), memberId: member.id, expiresAt }, manager);
    await mail.add(
      signInLinkTemplate,
      member.email,
      { fullName: member.fullName, link: this.linkFor(token), minutes: SIGN_IN_LINK_MINUTES },
      {},
      [],
      // Not sent once the link is dead (a long SMTP outage).
      { expiresAt },
    );
  }

  private linkFor(token: string): string {
    return `${this.config.publicUrl}/sign-in?token=${encodeURIComponent(token)}`;
  }
}
