import { canonicalEmail, mayBeSamePerson } from './canonical-email';

describe('canonical email', () => {
  it('folds case, and dots and +tags where the provider ignores them', () => {
    expect(canonicalEmail(' Fiona.Organiser+venue@GoogleMail.com ')).toBe('fionaorganiser@gmail.com');
    expect(canonicalEmail('a.b+x@example.org')).toBe('a.b+x@example.org');
  });

  it('treats a +tag of your own address as you, at any provider, for permission checks', () => {
    expect(mayBeSamePerson('fiona.organiser@gmail.com', 'fiona.organiser+venue@gmail.com')).toBe(true);
    expect(mayBeSamePerson('fiona.organiser@gmail.com', 'FionaOrganiser@googlemail.com')).toBe(true);
    expect(mayBeSamePerson('me@campaign.example', 'ME+bar@campaign.example')).toBe(true);
    expect(mayBeSamePerson('me@campaign.example', 'me@other.example')).toBe(false);
    expect(mayBeSamePerson('me@campaign.example', 'mine@campaign.example')).toBe(false);
  });
});
