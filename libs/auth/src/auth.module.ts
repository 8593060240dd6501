import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Authenticator } from '@app/core';
import { MailModule } from '@app/mail';
import { MembersModule } from '@app/members';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { SessionCookie } from './session-cookie';
import { Session } from './session.entity';
import { SessionRepository } from './session.repository';
import { SignInToken } from './sign-in-token.entity';
import { SignInTokenRepository } from './sign-in-token.repository';

@Module({
  imports: [TypeOrmModule.forFeature([SignInToken, Session]), MembersModule, MailModule],
  providers: [
    SessionRepository,
    SignInTokenRepository,
    AuthService,
    AuthResolver,
    SessionCookie,
    { provide: Authenticator, useExisting: AuthService },
  ],
  exports: [AuthService, Authenticator, SessionCookie],
})
export class AuthModule {}
