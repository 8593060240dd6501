import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor';

export interface CrmRequest extends Request {
  /** Set by the auth guard: the signed-in member, or null when anonymous. */
  actor?: Actor | null;
}

/** The HTTP request behind a controller call or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): CrmRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: CrmRequest }>().req;
  }
  return context.switchToHttp().getRequest<CrmRequest>();
}

export function responseOf(context: ExecutionContext): Response {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ res: Response }>().res;
  }
  return context.switchToHttp().getResponse<Response>();
}
