import { Args, Resolver } from '@nestjs/graphql';
import { PublicMutation } from '@app/core';
import { EmailArgs } from './dto/email.args';
import { DataRightsService } from './data-rights.service';

@Resolver()
export class DataRightsResolver {
  constructor(private readonly rights: DataRightsService) {}

  @PublicMutation(() => Boolean, {
    name: 'requestMyData',
    description: 'Mails a 24-hour link to a JSON copy of everything held about this address. Always true.',
  })
  async requestMyData(@Args() { email }: EmailArgs): Promise<boolean> {
    await this.rights.requestData(email);
    return true;
  }

  @PublicMutation(() => Boolean, {
    name: 'requestErasure',
    description: 'Mails a link that confirms erasure of everything held about this address. Always true.',
  })
  async requestErasure(@Args() { email }: EmailArgs): Promise<boolean> {
    await this.rights.requestErasure(email);
    return true;
  }

  @PublicMutation(() => Boolean, {
    name: 'confirmErasure',
    description: 'Erases the person behind the link. Cannot be undone.',
  })
  async confirmErasure(@Args('token') token: string): Promise<boolean> {
    await this.rights.confirmErasure(token);
    return true;
  }
}
