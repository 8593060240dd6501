/**
 * The check-in code in what the camera read: a link to this event's check-in screen with
 * `#code=…` (the one in the RSVP email). Anything else is named for what it is.
 */
export function codeFrom(
  text: string,
  eventId: string,
): { code: string; problem?: undefined } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'That is not a check-in code from an RSVP email.' };
  }
  const path = /^\/organise\/events\/([^/]+)\/check-in$/.exec(url.pathname);
  const code = new URLSearchParams(url.hash.slice(1)).get('code');
  if (!path || !code) {
    return { problem: 'That is not a check-in code from an RSVP email.' };
  }
  if (path[1] !== eventId) {
    return { problem: 'That code is for another event.' };
  }
  return { code };
}
