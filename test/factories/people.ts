import { defineMailTemplate, OutboxService } from '@app/mail';
import { DataRightsService, Member } from '@app/members';
import type { TestSystem } from '../support/test-system';

/** A campaign email with the unsubscribe link in its footer, as every campaign email has. */
export const campaignNews = defineMailTemplate<{ fullName: string; unsubscribeLink: string }>({
  name: 'test-campaign-news',
  subject: 'News from the campaign',
  text: 'Hello {{fullName}}\n\nThe campaign’s news.\n\n--\nUnsubscribe: {{unsubscribeLink}}\n',
  html: '<p>Hello {{fullName}}</p><p>The campaign’s news.</p><p><a href="{{unsubscribeLink}}">Unsubscribe</a></p>',
});

/**
 * Sends `campaignNews` to a member through the real path (DataRightsService.addCampaignMail and the
 * outbox); false when the member is not one campaign email may go to.
 */
export async function sendCampaignNews(system: TestSystem, member: Member): Promise<boolean> {
  const rights = system.api.get(DataRightsService);
  return system.api
    .get(OutboxService)
    .transaction((manager, mail) => rights.addCampaignMail(manager, mail, member, campaignNews, { fullName: member.fullName }));
}
