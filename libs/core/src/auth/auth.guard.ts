import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain.errors';
import { requestOf } from '../http/request-of';
import { RoleName, Authenticator } from './actor';
import { IS_PUBLIC, REQUIRED_ROLE } from './decorators';
import { actorOfRequest } from './request-actor';
import { sessionTokenOf } from './session-token';

/**
 * Global guard, deny by default: every operation needs a signed-in member unless marked @Public().
 * The session comes from the bearer header or the dashboard's session cookie (sessionTokenOf).
 * On public operations a stale token is ignored (someone whose session ran out can still ask for a
 * new sign-in link); everywhere else it is UNAUTHENTICATED.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true;

    const actor = await actorOfRequest(this.authenticator, request, this.config.isProduction);
    if (isPublic) {
      return true;
    }
    if (!actor) {
      throw new UnauthenticatedError(
        sessionTokenOf(request, this.config.isProduction)
          ? 'Your session has ended or was signed out. Please sign in again.'
          : undefined,
      );
    }
    const role = this.reflector.getAllAndOverride<RoleName | undefined>(REQUIRED_ROLE, targets);
    if (role === 'ADMIN' && !actor.isAdmin) {
      throw new ForbiddenError();
    }
    if (role === 'ORGANISER' && !actor.isAdmin && !actor.isOrganiser) {
      throw new ForbiddenError();
    }
    return true;
  }
}
