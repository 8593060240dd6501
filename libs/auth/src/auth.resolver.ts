import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext, PublicMutation } from '@app/core';
import { MemberModel, MembersService, toMemberModel } from '@app/members';
import { AuthService } from './auth.service';
import { RequestSignInLinkArgs, SignInArgs } from './dto/request-sign-in-link.args';
import { SessionCookie } from './session-cookie';
import { SessionModel } from './session.model';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly cookie: SessionCookie,
  ) {}

  @PublicMutation(() => Boolean, {
    name: 'requestSignInLink',
    description: 'Emails a sign-in link if the address belongs to a member. Always true, whoever asks.',
  })
  async requestSignInLink(@Args() { email }: RequestSignInLinkArgs): Promise<boolean> {
    await this.auth.requestSignInLink(email);
    return true;
  }

  @PublicMutation(() => SessionModel, {
    name: 'signIn',
    description: 'Exchanges the token from a sign-in link (once) for a session.',
  })
  async signIn(@Args() { token }: SignInArgs): Promise<SessionModel> {
    const session = await this.auth.signIn(token);
    return { token: session.token, expiresAt: session.expiresAt, member: toMemberModel(session.member) };
  }

  @Mutation(() => Boolean, {
    description:
      'Ends the current session and the session cookie’s (when a request carries both), and clears the cookie.',
  })
  async signOut(@CurrentActor() actor: Actor, @Context() { req, res }: GraphqlContext): Promise<boolean> {
    await this.auth.signOut(actor, this.cookie.tokenOf(req));
    this.cookie.clear(res);
    return true;
  }

  @Query(() => MemberModel, { description: 'The signed-in member.' })
  async me(@CurrentActor() actor: Actor): Promise<MemberModel> {
    return toMemberModel(await this.members.byId(actor.memberId));
  }
}
