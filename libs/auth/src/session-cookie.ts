import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig, sessionCookieName, sessionCookieTokenOf } from '@app/core';
import { MembersService } from '@app/members';

/** Where organisers and admins land after signing in by the emailed link. */
export const DASHBOARD_PATH = '/organise';

/**
 * The dashboard's session cookie: the session token itself, httpOnly (no page script can read it),
 * SameSite=Strict (no other site's request carries it), Path=/, Secure and `__Host-` in production.
 * It lives as long as the session. The API reads it beside the bearer header (sessionTokenOf, core).
 */
@Injectable()
export class SessionCookie {
  constructor(
    private readonly config: AppConfig,
    private readonly members: MembersService,
  ) {}

  /** Whether this member gets the cookie and the dashboard: organisers and admins. */
  async isFor(memberId: string): Promise<boolean> {
    const roles = await this.members.rolesOf(memberId);
    return roles.isAdmin || roles.organiserOf.size > 0;
  }

  set(res: Response, token: string, expiresAt: Date): void {
    res.cookie(this.name, token, { ...this.options, expires: expiresAt });
  }

  /** The token the request's cookie carries, if any (whether or not a bearer header came too). */
  tokenOf(req: Request): string | undefined {
    return sessionCookieTokenOf(req, this.config.isProduction);
  }

  clear(res: Response): void {
    res.clearCookie(this.name, this.options);
  }

  private get name(): string {
    return sessionCookieName(this.config.isProduction);
  }

  private get options() {
    return { httpOnly: true, sameSite: 'strict', secure: this.config.isProduction, path: '/' } as const;
  }
}
