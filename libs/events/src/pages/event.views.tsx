import {
  Checkbox,
  ErrorSummary,
  FormErrors,
  FormValues,
  Layout,
  PageContext,
  Panel,
  renderPage,
  Select,
  TextField,
} from '@app/web';
import { EVENT_KINDS, type CampaignEvent, type EventKind } from '../event.entity';
import { londonClock, londonDate, londonTime } from '../london-time';

/** One event as the pages show it: its branch's name and the places left (null: no limit). */
export interface EventItem {
  event: CampaignEvent;
  branchName: string | null;
  spacesLeft: number | null;
}

export interface EventView extends EventItem {
  branchSlug: string | null;
}

/** What the after-RSVP page may say: only the service's public answer, never what an address holds. */
export type ReplyOutcome = 'going' | 'waiting-list';

const RSVP_FIELDS = ['fullName', 'email', 'postcode', 'emailOptIn', 'form'] as const;

/** Where an event's form posts and its pages live: the full page, or the embed (which stays in its frame). */
export const eventPath = (ctx: PageContext, id: string): string =>
  `${ctx.embed ? '/embed' : ''}/events/${encodeURIComponent(id)}`;

/** Whether an event takes replies now, and if not, why. */
export function replyState(
  event: CampaignEvent,
  now = new Date(),
): 'open' | 'cancelled' | 'finished' | 'closed' {
  if (event.status === 'CANCELLED') {
    return 'cancelled';
  }
  if (event.endsAt.getTime() <= now.getTime()) {
    return 'finished';
  }
  if (now.getTime() >= (event.rsvpClosesAt ?? event.startsAt).getTime()) {
    return 'closed';
  }
  return 'open';
}

/** "Sunday, 28 March 2027 at 10:30 until 12:30 (UK time)". */
export function whenText(ctx: PageContext, event: CampaignEvent): string {
  const end =
    londonDate(event.startsAt) === londonDate(event.endsAt)
      ? londonClock(event.endsAt)
      : londonTime(event.endsAt);
  return `${londonTime(event.startsAt)} ${ctx.m.events.until(end)} ${ctx.m.events.ukTime}`;
}

function placeText(ctx: PageContext, event: CampaignEvent): string {
  const place = [event.locationName, event.locationAddress, event.locationPostcode]
    .filter(Boolean)
    .join(', ');
  return place || (event.onlineUrl ? ctx.m.events.online : ctx.m.events.toBeAnnounced);
}

function placesText(ctx: PageContext, spacesLeft: number | null): string {
  if (spacesLeft === null) {
    return ctx.m.events.noLimit;
  }
  return spacesLeft > 0 ? ctx.m.events.spacesLeft(spacesLeft) : ctx.m.events.full;
}

/** A list of events as cards (the events page, the home page and branch pages). */
export function EventCards({
  ctx,
  items,
  headingLevel = 2,
  showBranch = true,
}: {
  ctx: PageContext;
  items: EventItem[];
  headingLevel?: 2 | 3;
  /** Off on a branch's own page, where every event is the branch's. */
  showBranch?: boolean;
}) {
  const { m } = ctx;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="cards">
      {items.map(({ event, branchName, spacesLeft }) => (
        <li class="card event-card" key={event.id}>
          <Heading>
            <a href={`/events/${encodeURIComponent(event.id)}`}>{event.title}</a>
          </Heading>
          <p class="event-card__when">
            <time dateTime={event.startsAt.toISOString()}>{londonTime(event.startsAt)}</time>
          </p>
          <p class="muted">
            {m.events.kinds[event.kind]}
            {' · '}
            {placeText(ctx, event)}
          </p>
          {branchName && showBranch ? <p class="muted">{m.events.byBranch(branchName)}</p> : null}
          {event.status === 'CANCELLED' ? (
            <p>
              <strong class="status status--failed">{m.events.cancelledTag}</strong>
            </p>
          ) : spacesLeft === 0 ? (
            <p>
              <strong class="status">{m.events.fullTag}</strong>
            </p>
          ) : spacesLeft !== null ? (
            <p class="muted">{m.events.spacesLeft(spacesLeft)}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function eventListPage(
  ctx: PageContext,
  list: {
    items: EventItem[];
    branches: Array<{ slug: string; name: string }>;
    filter: { branch?: string; kind?: EventKind };
    next?: string;
  },
): string {
  const { m } = ctx;
  const { filter } = list;
  const query = (after: string): string => {
    const params = new URLSearchParams();
    if (filter.branch) {
      params.set('branch', filter.branch);
    }
    if (filter.kind) {
      params.set('kind', filter.kind);
    }
    params.set('after', after);
    return `/events?${params.toString()}`;
  };
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{ title: m.events.listTitle, description: m.events.listDescription, path: '/events' }}
    >
      <h1>{m.events.listTitle}</h1>
      <p class="lead">{m.events.listLead}</p>
      <form method="get" action="/events" class="filters" role="search" aria-labelledby="filter-title">
        <h2 id="filter-title" class="filters__title">
          {m.events.filterTitle}
        </h2>
        <div class="filters__fields">
          <Select
            ctx={ctx}
            name="branch"
            label={m.events.filterBranch}
            value={filter.branch ?? ''}
            options={[
              { value: '', label: m.events.allBranches },
              ...list.branches.map((b) => ({ value: b.slug, label: b.name })),
            ]}
          />
          <Select
            ctx={ctx}
            name="kind"
            label={m.events.filterKind}
            value={filter.kind ?? ''}
            options={[
              { value: '', label: m.events.allKinds },
              ...EVENT_KINDS.map((kind) => ({ value: kind, label: m.events.kindsPlural[kind] })),
            ]}
          />
        </div>
        <button class="button button--secondary" type="submit">
          {m.events.filterButton}
        </button>
      </form>
      {list.items.length === 0 ? <p>{m.events.noneFound}</p> : <EventCards ctx={ctx} items={list.items} />}
      {list.next ? (
        <p>
          <a href={query(list.next)}>{m.events.later}</a>
        </p>
      ) : null}
    </Layout>,
  );
}

export function eventPage(
  ctx: PageContext,
  view: EventView,
  consentText: string,
  form: { values?: FormValues; errors?: FormErrors; optIn?: boolean } = {},
): string {
  const { m } = ctx;
  const { event } = view;
  const errors = form.errors ?? {};
  const values = form.values ?? {};
  const state = replyState(event);
  const full = view.spacesLeft === 0;
  const path = `/events/${encodeURIComponent(event.id)}`;
  const formError = errors.form ? (
    <p class="field-error" id="f-form">
      {errors.form}
    </p>
  ) : null;
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: event.title,
        hasErrors: Object.keys(errors).length > 0,
        description: `${m.events.kinds[event.kind]}: ${londonTime(event.startsAt)}, ${placeText(ctx, event)}`,
        path,
        branchName: view.branchName ?? undefined,
      }}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={[...RSVP_FIELDS]} />
      <p class="muted event-kind">{m.events.kinds[event.kind]}</p>
      <h1>{event.title}</h1>
      <dl class="summary">
        <dt>{m.events.when}</dt>
        <dd>
          <time dateTime={event.startsAt.toISOString()}>{whenText(ctx, event)}</time>
        </dd>
        <dt>{m.events.where}</dt>
        <dd>{placeText(ctx, event)}</dd>
        {event.onlineUrl ? (
          <>
            <dt>{m.events.online}</dt>
            <dd>
              <a
                href={event.onlineUrl}
                rel="noopener noreferrer nofollow"
                target={ctx.embed ? '_top' : undefined}
              >
                {m.events.joinOnline}
              </a>
            </dd>
          </>
        ) : null}
        {state === 'open' ? (
          <>
            <dt>{m.events.places}</dt>
            <dd>{placesText(ctx, view.spacesLeft)}</dd>
          </>
        ) : null}
        {state === 'open' && event.rsvpClosesAt ? (
          <>
            <dt>{m.events.repliesClose}</dt>
            <dd>
              {londonTime(event.rsvpClosesAt)} {m.events.ukTime}
            </dd>
          </>
        ) : null}
        {view.branchName && !ctx.embed ? (
          <>
            <dt>{m.events.organisedBy}</dt>
            <dd>
              {view.branchSlug ? (
                <a href={`/branches/${encodeURIComponent(view.branchSlug)}`}>{view.branchName}</a>
              ) : (
                view.branchName
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {event.status !== 'CANCELLED' ? (
        <p>
          <a href={`/events/${encodeURIComponent(event.id)}.ics`}>{m.events.addToCalendar}</a>{' '}
          <span class="muted">{m.events.addToCalendarHint}</span>
        </p>
      ) : null}
      {ctx.embed || !event.description ? null : (
        <div class="event-body">
          {event.description.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      )}
      {state === 'open' ? (
        <section aria-labelledby="rsvp-title">
          <h2 id="rsvp-title">{full ? m.events.waitlistTitle : m.events.rsvpTitle}</h2>
          {full ? <p>{m.events.waitlistIntro}</p> : null}
          <form method="post" action={eventPath(ctx, event.id)} noValidate>
            {formError}
            <TextField
              ctx={ctx}
              name="fullName"
              label={m.events.fullName}
              value={values.fullName}
              error={errors.fullName}
              autocomplete="name"
              maxLength={200}
              spellcheck={false}
            />
            <TextField
              ctx={ctx}
              name="email"
              type="email"
              label={m.events.email}
              hint={m.events.emailHint}
              value={values.email}
              error={errors.email}
              autocomplete="email"
              maxLength={320}
              spellcheck={false}
            />
            <TextField
              ctx={ctx}
              name="postcode"
              label={m.events.postcode}
              hint={m.events.postcodeHint}
              value={values.postcode}
              error={errors.postcode}
              autocomplete="postal-code"
              width="short"
              maxLength={10}
              spellcheck={false}
              optional
            />
            <fieldset>
              <legend>{m.events.optInLegend}</legend>
              <Checkbox
                name="emailOptIn"
                label={consentText}
                checked={form.optIn}
                error={errors.emailOptIn}
              />
            </fieldset>
            <button class="button" type="submit">
              {full ? m.events.submitWaitlist : m.events.submit}
            </button>
          </form>
        </section>
      ) : (
        <div class="notice">
          {formError}
          <p>
            {state === 'cancelled'
              ? m.events.cancelled
              : state === 'finished'
                ? m.events.finished
                : m.events.closed}
          </p>
          {state === 'cancelled' && event.cancelMessage ? <p>{event.cancelMessage}</p> : null}
        </div>
      )}
      {ctx.embed ? null : (
        <p>
          <a href="/events">{m.events.moreEvents}</a>
        </p>
      )}
    </Layout>,
  );
}

/**
 * After an RSVP (post-redirect-get): what the public answer says (a place, or the waiting list), and
 * that the email has the real details and the cancel link. Nothing about what an address already had.
 */
export function replyPage(ctx: PageContext, event: CampaignEvent, outcome: ReplyOutcome | null): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.events.replyTitle, noindex: true }}>
      <Panel title={m.events.replyTitle}>
        {outcome === 'going' ? <p>{m.events.replyGoing}</p> : null}
        {outcome === 'waiting-list' ? <p>{m.events.replyWaiting}</p> : null}
        <p>{m.events.replyEmail}</p>
      </Panel>
      <p>{m.events.replyCancel}</p>
      <p>{m.events.replyNoMail}</p>
      <ul>
        <li>
          <a href={eventPath(ctx, event.id)}>{m.events.backToEvent(event.title)}</a>
        </li>
        {event.status !== 'CANCELLED' ? (
          <li>
            <a href={`/events/${encodeURIComponent(event.id)}.ics`}>{m.events.addToCalendar}</a>
          </li>
        ) : null}
        <li>
          <a href="/events" target={ctx.embed ? '_top' : undefined}>
            {m.events.moreEvents}
          </a>
        </li>
      </ul>
    </Layout>,
  );
}
