import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { SignInPageController } from './sign-in-page.controller';

/**
 * The page a sign-in link opens. A module of its own, imported by the api only: the page needs
 * libs/web's page context, which the CLI (which imports AuthModule for create-admin) does not have.
 */
@Module({
  imports: [AuthModule],
  controllers: [SignInPageController],
})
export class AuthPagesModule {}
