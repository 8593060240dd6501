import { Button, ErrorSummary, FormErrors, Layout, PageContext, renderPage, Select } from '@app/web';
import { VENUE_KINDS, VenueKind } from '../venue.entity';

/**
 * A venue as the public sees it: what the `pledgedVenues` query gives, and nothing about the people
 * behind it (no owner, address, full postcode, licence, contact address or notes).
 */
export interface ListedVenue {
  id: string;
  name: string;
  kind: VenueKind;
  /** The postcode district ("EH1"). */
  area: string;
  commitments: Array<{ code: string; title: string; description: string }>;
  verifiedSince: Date;
  verifiedUntil: Date;
}

/** The directory's filters as they arrived in the query string ('' = not filtered). */
export interface DirectoryFilters {
  branch: string;
  commitment: string;
  kind: string;
}

export interface DirectoryView {
  filters: DirectoryFilters;
  venues: ListedVenue[];
  totalCount: number;
  /** The cursor after this page's last venue, when there are more. */
  nextCursor: string | null;
  /** Whether this is a later page (a link back to the first one is shown). */
  later: boolean;
  branches: Array<{ slug: string; name: string }>;
  catalogue: Array<{ code: string; title: string }>;
  errors?: FormErrors;
}

const FILTER_FIELDS = ['branch', 'commitment', 'kind'] as const;

/** `/venues?…` with the filters given (empty ones left out) and, for later pages, `after`. */
export function directoryHref(filters: DirectoryFilters, after?: string): string {
  const query = new URLSearchParams();
  for (const name of FILTER_FIELDS) {
    if (filters[name]) {
      query.set(name, filters[name]);
    }
  }
  if (after) {
    query.set('after', after);
  }
  const text = query.toString();
  return text ? `/venues?${text}` : '/venues';
}

const venueHref = (venue: { id: string }): string => `/venues/${encodeURIComponent(venue.id)}`;

export function directoryPage(ctx: PageContext, view: DirectoryView): string {
  const { m } = ctx;
  const errors = view.errors ?? {};
  const filtered = FILTER_FIELDS.some((name) => view.filters[name]);
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: m.venues.listTitle,
        hasErrors: Object.keys(errors).length > 0,
        description: m.venues.listDescription,
        path: '/venues',
      }}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={[...FILTER_FIELDS]} />
      <h1>{m.venues.listTitle}</h1>
      <p class="lead">{m.venues.listLead}</p>
      <p>
        <a href="/pledge">{m.venues.pledgeCta}</a>
      </p>

      <form
        class="filters"
        method="get"
        action="/venues"
        role="search"
        aria-labelledby="filters-title"
        noValidate
      >
        <h2 class="filters__title" id="filters-title">
          {m.venues.filtersTitle}
        </h2>
        <div class="filters__fields">
          <Select
            ctx={ctx}
            name="branch"
            label={m.venues.branch}
            value={view.filters.branch}
            error={errors.branch}
            options={[
              { value: '', label: m.venues.allBranches },
              ...view.branches.map((b) => ({ value: b.slug, label: b.name })),
            ]}
          />
          <Select
            ctx={ctx}
            name="commitment"
            label={m.venues.commitment}
            value={view.filters.commitment}
            error={errors.commitment}
            options={[
              { value: '', label: m.venues.anyCommitment },
              ...view.catalogue.map((c) => ({ value: c.code, label: c.title })),
            ]}
          />
          <Select
            ctx={ctx}
            name="kind"
            label={m.venues.kind}
            value={view.filters.kind}
            error={errors.kind}
            options={[
              { value: '', label: m.venues.anyKind },
              ...VENUE_KINDS.map((kind) => ({ value: kind, label: m.venues.kinds[kind] })),
            ]}
          />
        </div>
        <Button>{m.venues.filter}</Button>
        {filtered ? (
          <a class="filters__clear" href="/venues">
            {m.venues.clearFilters}
          </a>
        ) : null}
      </form>

      <h2 id="results-title">
        {filtered ? m.venues.matching(view.totalCount) : m.venues.count(view.totalCount)}
      </h2>
      {view.venues.length === 0 ? (
        <p>{m.venues.none}</p>
      ) : (
        <div class="table-wrap">
          <table class="venues">
            <caption>{m.venues.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.venues.venue}</th>
                <th scope="col" class="venues__kind-column">
                  {m.venues.kindColumn}
                </th>
                <th scope="col">{m.venues.area}</th>
                <th scope="col">{m.venues.commitments}</th>
              </tr>
            </thead>
            <tbody>
              {view.venues.map((venue) => (
                <tr key={venue.id}>
                  <th scope="row">
                    <a href={venueHref(venue)}>{venue.name}</a>
                    {/* On a phone the kind goes under the name instead of in its own column. */}
                    <span class="venues__kind">{m.venues.kinds[venue.kind]}</span>
                  </th>
                  <td class="venues__kind-column">{m.venues.kinds[venue.kind]}</td>
                  <td>{venue.area}</td>
                  <td>
                    <ul class="venues__commitments">
                      {venue.commitments.map((c) => (
                        <li key={c.code}>{c.title}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.nextCursor || view.later ? (
        <nav class="pager" aria-label={m.venues.pagesLabel}>
          <ul>
            {view.later ? (
              <li>
                <a href={directoryHref(view.filters)}>{m.venues.firstPage}</a>
              </li>
            ) : null}
            {view.nextCursor ? (
              <li>
                <a href={directoryHref(view.filters, view.nextCursor)} rel="next">
                  {m.venues.nextPage}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>,
  );
}

export function venuePage(ctx: PageContext, venue: ListedVenue, branchName?: string): string {
  const { m } = ctx;
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: venue.name,
        description: m.venues.venueDescription(venue.name, venue.area),
        path: venueHref(venue),
        branchName,
      }}
    >
      <p>
        <a href="/venues">{m.venues.backToList}</a>
      </p>
      <h1>{venue.name}</h1>
      <dl class="summary">
        <dt>{m.venues.kindColumn}</dt>
        <dd>{m.venues.kinds[venue.kind]}</dd>
        <dt>{m.venues.area}</dt>
        <dd>{venue.area}</dd>
        <dt>{m.venues.verifiedSince}</dt>
        <dd>{m.venues.date(venue.verifiedSince)}</dd>
        <dt>{m.venues.verifiedUntil}</dt>
        <dd>{m.venues.date(venue.verifiedUntil)}</dd>
      </dl>
      <h2>{m.venues.venueCommitments}</h2>
      <ul class="commitments">
        {venue.commitments.map((c) => (
          <li key={c.code}>
            <h3>{c.title}</h3>
            <p>{c.description}</p>
          </li>
        ))}
      </ul>
      <p class="notice">{m.venues.venueNote}</p>
      <p>
        <a href="/pledge">{m.venues.pledgeCta}</a>
      </p>
    </Layout>,
  );
}
