/// <reference types="jest" />
import { codeFrom } from './scanned-code';

const EVENT = '6f1c2a9e-3b7d-4c1e-9a55-0f0e7c1d2b3a';

describe('what the door scanner read', () => {
  it('takes the code from this event’s check-in link, wherever the campaign is hosted', () => {
    expect(
      codeFrom(`https://crm.example.org/organise/events/${EVENT}/check-in#code=abc_DEF-123`, EVENT),
    ).toEqual({
      code: 'abc_DEF-123',
    });
  });

  it('names a code for another event, and anything that is not a check-in link', () => {
    const other = 'a1b2c3d4-0000-4000-8000-000000000000';
    expect(codeFrom(`https://crm.example.org/organise/events/${other}/check-in#code=abc`, EVENT)).toEqual({
      problem: 'That code is for another event.',
    });
    for (const text of [
      'hello',
      'https://example.org/',
      `https://crm.example.org/organise/events/${EVENT}/check-in`,
      `https://crm.example.org/rsvp/cancel?token=abc`,
    ]) {
      expect(codeFrom(text, EVENT)).toEqual({ problem: 'That is not a check-in code from an RSVP email.' });
    }
  });
});
