import type { OutboxMessage } from '@app/mail';
import type { ConsentRecord } from './consent-record.entity';
import { membersOwnSections } from './data-export';
import type { MemberRole } from './member-role.entity';
import type { Member } from './member.entity';

describe('membersOwnSections', () => {
  it('shows the record, roles, consent, mail sent (not its content) and branches’ records', () => {
    const at = new Date('2027-01-01T10:00:00Z');
    const member = {
      id: 'm1',
      email: 'ada@example.org',
      fullName: 'Ada',
      postcode: 'KY16 9AJ',
      branch: { slug: 'fife', name: 'Fife' },
      emailOptIn: true,
      emailConfirmedAt: at,
      tags: ['canvass'],
      createdAt: at,
      archivedAt: null,
    } as unknown as Member;
    const sections = membersOwnSections(
      {
        member,
        records: [
          {
            branch: { slug: 'tayside' },
            fullName: 'A. L.',
            postcode: null,
            emailOptIn: false,
            tags: [],
            createdAt: at,
          } as unknown as Member,
        ],
        roles: [{ role: 'ORGANISER', branch: { slug: 'fife' }, createdAt: at } as unknown as MemberRole],
        consent: [
          {
            emailOptIn: true,
            wording: 'Yes',
            wordingVersion: 'v1',
            source: 'join',
            createdAt: at,
          } as unknown as ConsentRecord,
        ],
        emails: [
          {
            template: 'confirm-join',
            subject: 'Welcome',
            status: 'SENT',
            textBody: 'secret link',
            createdAt: at,
            sentAt: at,
          } as unknown as OutboxMessage,
        ],
      },
      at,
    );
    expect(sections).toEqual({
      exportedAt: '2027-01-01T10:00:00.000Z',
      member: {
        id: 'm1',
        email: 'ada@example.org',
        fullName: 'Ada',
        postcode: 'KY16 9AJ',
        branch: { slug: 'fife', name: 'Fife' },
        emailOptIn: true,
        emailConfirmedAt: at,
        tags: ['canvass'],
        joinedAt: at,
        archivedAt: null,
      },
      roles: [{ role: 'ORGANISER', branch: 'fife', since: at }],
      consentRecords: [{ emailOptIn: true, wording: 'Yes', wordingVersion: 'v1', source: 'join', at }],
      emailsSent: [
        { template: 'confirm-join', subject: 'Welcome', status: 'SENT', createdAt: at, sentAt: at },
      ],
      branchRecords: [
        { branch: 'tayside', fullName: 'A. L.', postcode: null, emailOptIn: false, tags: [], addedAt: at },
      ],
    });
  });
});
