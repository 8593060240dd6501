import type { ComponentChildren } from 'preact';
import type { Branch } from '@app/branches';
import { EventCards, type EventItem } from '@app/events';
import type { LetterCampaign } from '@app/letters';
import type { Petition } from '@app/petitions';
import { Layout, PageContext, renderPage } from '@app/web';

/** What the home page and a branch page show: only what is open and public. */
export interface Showcase {
  petitions: Array<{ petition: Petition; count: number }>;
  letterCampaigns: LetterCampaign[];
  events: EventItem[];
}

function PetitionCards({ ctx, petitions }: { ctx: PageContext; petitions: Showcase['petitions'] }) {
  return (
    <ul class="cards">
      {petitions.map(({ petition, count }) => (
        <li class="card" key={petition.id}>
          <h3>
            <a href={`/petitions/${encodeURIComponent(petition.slug)}`}>{petition.title}</a>
          </h3>
          <p>{petition.summary}</p>
          <p class="muted">{ctx.m.petitions.signatures(count)}</p>
        </li>
      ))}
    </ul>
  );
}

function LetterCampaignCards({ ctx, campaigns }: { ctx: PageContext; campaigns: LetterCampaign[] }) {
  return (
    <ul class="cards">
      {campaigns.map((campaign) => (
        <li class="card" key={campaign.id}>
          <h3>
            <a href={`/write/${encodeURIComponent(campaign.slug)}`}>{campaign.title}</a>
          </h3>
          <p class="muted">{ctx.m.home.writeHint}</p>
        </li>
      ))}
    </ul>
  );
}

function Section({
  id,
  title,
  empty,
  more,
  children,
}: {
  id: string;
  title: string;
  empty: string | null;
  more?: { href: string; label: string };
  children: ComponentChildren;
}) {
  return (
    <section class="showcase" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {empty ? <p>{empty}</p> : children}
      {more ? (
        <p>
          <a href={more.href}>{more.label}</a>
        </p>
      ) : null}
    </section>
  );
}

export function homePage(ctx: PageContext, showcase: Showcase, branches: Branch[]): string {
  const { m } = ctx;
  return renderPage(
    <Layout ctx={ctx} meta={{ title: m.home.title, description: m.home.description, path: '/' }}>
      <h1>{ctx.campaignName}</h1>
      <p class="lead">{m.home.lead}</p>
      <Section
        id="home-petitions"
        title={m.home.petitions}
        empty={showcase.petitions.length === 0 ? m.home.none : null}
        more={{ href: '/petitions', label: m.home.allPetitions }}
      >
        <PetitionCards ctx={ctx} petitions={showcase.petitions} />
      </Section>
      <Section
        id="home-letters"
        title={m.home.letterCampaigns}
        empty={showcase.letterCampaigns.length === 0 ? m.home.none : null}
      >
        <LetterCampaignCards ctx={ctx} campaigns={showcase.letterCampaigns} />
      </Section>
      <Section
        id="home-events"
        title={m.home.events}
        empty={showcase.events.length === 0 ? m.home.none : null}
        more={{ href: '/events', label: m.home.allEvents }}
      >
        <EventCards ctx={ctx} items={showcase.events} headingLevel={3} />
      </Section>
      <Section id="home-branches" title={m.home.branches} empty={branches.length === 0 ? m.home.none : null}>
        <p>{m.home.branchesIntro}</p>
        <ul class="branch-list">
          {branches.map((branch) => (
            <li key={branch.id}>
              <a href={`/branches/${encodeURIComponent(branch.slug)}`}>{branch.name}</a>
            </li>
          ))}
        </ul>
      </Section>
    </Layout>,
  );
}

export function branchPage(ctx: PageContext, branch: Branch, showcase: Showcase): string {
  const { m } = ctx;
  const slug = encodeURIComponent(branch.slug);
  return renderPage(
    <Layout
      ctx={ctx}
      meta={{
        title: branch.name,
        description: m.branches.description(branch.name),
        path: `/branches/${slug}`,
        branchName: branch.name,
      }}
    >
      <h1>{branch.name}</h1>
      {branch.postcodeAreas.length > 0 ? (
        <p class="lead">{m.branches.areas(branch.postcodeAreas.join(', '))}</p>
      ) : null}
      {branch.contactEmail ? (
        <p>
          {m.branches.contact} <a href={`mailto:${branch.contactEmail}`}>{branch.contactEmail}</a>
        </p>
      ) : null}
      <Section
        id="branch-events"
        title={m.branches.events}
        empty={showcase.events.length === 0 ? m.home.none : null}
        more={{ href: `/events?branch=${slug}`, label: m.branches.allBranchEvents(branch.name) }}
      >
        <EventCards ctx={ctx} items={showcase.events} headingLevel={3} showBranch={false} />
      </Section>
      <p>
        <a href={`/branches/${slug}/events.ics`}>{m.branches.calendar}</a>{' '}
        <span class="muted">{m.branches.calendarHint}</span>
      </p>
      <Section
        id="branch-petitions"
        title={m.branches.petitions}
        empty={showcase.petitions.length === 0 ? m.home.none : null}
      >
        <PetitionCards ctx={ctx} petitions={showcase.petitions} />
      </Section>
      <Section
        id="branch-letters"
        title={m.branches.letterCampaigns}
        empty={showcase.letterCampaigns.length === 0 ? m.home.none : null}
      >
        <LetterCampaignCards ctx={ctx} campaigns={showcase.letterCampaigns} />
      </Section>
    </Layout>,
  );
}
