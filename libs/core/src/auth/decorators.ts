import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Mutation, ReturnTypeFunc, MutationOptions } from '@nestjs/graphql';
import { Actor, RoleName } from './actor';
import { requestOf } from '../http/request-of';

export const IS_PUBLIC = 'crm:isPublic';
export const IS_PUBLIC_MUTATION = 'crm:isPublicMutation';
export const REQUIRED_ROLE = 'crm:requiredRole';

/** Names of every public mutation, filled as resolvers are declared; read by the operation limits. */
export const PUBLIC_MUTATIONS = new Set<string>();

/** Anyone may call this, signed in or not. Everything else is denied unless signed in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * A mutation anyone may call (join, sign, write, RSVP, pledge, ask for a link). It is rate-limited
 * per client by the strict "public" throttle, and a request may carry at most one of them.
 */
export function PublicMutation(
  returns: ReturnTypeFunc,
  options: MutationOptions & { name: string },
): MethodDecorator {
  PUBLIC_MUTATIONS.add(options.name);
  return applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    SetMetadata(IS_PUBLIC_MUTATION, true),
    Mutation(returns, options),
  );
}

/** A public HTTP endpoint that acts (the POST of an emailed link's page): strictly rate-limited. */
export const PublicAction = (): MethodDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(IS_PUBLIC_MUTATION, true));

/** Only members holding this role (anywhere) may call; finer branch checks belong in the service. */
export const RequireRole = (role: RoleName): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLE, role);

/** The signed-in Actor (the guard has already refused anonymous callers of non-public operations). */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | null => requestOf(context).actor ?? null,
);
