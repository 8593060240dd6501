import { Command, CommandRunner, Option } from 'nest-commander';
import { isEmail } from 'class-validator';
import { AuthService } from '@app/auth';
import { MembersService } from '@app/members';

interface CreateAdminOptions {
  email?: string;
  name?: string;
}

@Command({
  name: 'create-admin',
  description: 'Create (or promote) a national admin and print a one-time sign-in link',
})
export class CreateAdminCommand extends CommandRunner {
  constructor(
    private readonly members: MembersService,
    private readonly auth: AuthService,
  ) {
    super();
  }

  async run(_args: string[], options: CreateAdminOptions): Promise<void> {
    const email = options.email?.trim();
    const name = options.name?.trim();
    if (!email || !isEmail(email)) {
      throw new Error('Give a valid --email address.');
    }
    if (!name) {
      throw new Error("Give the admin's --name.");
    }
    const member = await this.members.ensureAdmin(email, name);
    const { link, expiresAt } = await this.auth.createSignInLink(member);
    console.log(`${member.fullName} is an admin.`);
    console.log(`Sign in within 15 minutes (until ${expiresAt.toISOString()}), once, with:\n${link}`);
  }

  @Option({ flags: '--email <email>', description: 'Email address of the admin' })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'Full name of the admin' })
  parseName(value: string): string {
    return value;
  }
}
