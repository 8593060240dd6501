import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Branch, BranchesService } from '@app/branches';
import { LoaderRegistry, Public } from '@app/core';
import { eventItems, EventsService } from '@app/events';
import { LetterCampaignsService } from '@app/letters';
import { PetitionsService } from '@app/petitions';
import { PageContexts, sendPage } from '@app/web';
import { branchPage, homePage, Showcase } from './home.views';

/** How many of each the home page shows (each list links to the full one). */
const HOME_SIZE = 6;
/** Letter campaigns have no status filter in their public list: read this many and keep the open ones. */
const LETTER_WINDOW = 100;

/**
 * The campaign's home page and a page per branch. They compose several domains, so they live in the
 * app (the one place that may import every library) and use each domain's public services and
 * per-request loaders: a fixed number of queries whatever the lists' lengths.
 */
@Controller()
export class HomePagesController {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly letterCampaigns: LetterCampaignsService,
    private readonly events: EventsService,
    private readonly branches: BranchesService,
    private readonly contexts: PageContexts,
  ) {}

  @Public()
  @Get()
  async home(@Res() res: Response): Promise<void> {
    const [showcase, branches] = await Promise.all([this.showcase(null, HOME_SIZE), this.branches.list()]);
    sendPage(res, homePage(this.contexts.create(), showcase, branches));
  }

  @Public()
  @Get('branches/:slug')
  async branch(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const branch = await this.branches.bySlug(slug);
    sendPage(res, branchPage(this.contexts.create(), branch, await this.showcase(branch, 20)));
  }

  /** Open petitions, open letter campaigns and upcoming events (not cancelled), of one branch or all. */
  private async showcase(branch: Branch | null, size: number): Promise<Showcase> {
    const loaders = new LoaderRegistry();
    const branchSlug = branch?.slug;
    const [petitions, campaigns, events] = await Promise.all([
      this.petitions.list({ first: size, status: 'OPEN', branchSlug }, (p) => p),
      this.letterCampaigns.list({ first: LETTER_WINDOW }, (c) => c),
      // Cancelled events stay on the events page (so people see the news) but are not "coming up".
      this.events.listPublic({ first: size * 2, branchSlug }, (e) => e),
    ]);
    const openPetitions = petitions.edges.map((e) => e.node);
    const upcoming = events.edges
      .map((e) => e.node)
      .filter((e) => e.status === 'PUBLISHED')
      .slice(0, size);
    const [counts, items] = await Promise.all([
      this.petitions.countLoader(loaders).loadMany(openPetitions.map((p) => p.id)),
      eventItems(this.events, this.branches, upcoming, loaders),
    ]);
    return {
      petitions: openPetitions.map((petition, i) => ({
        petition,
        count: typeof counts[i] === 'number' ? counts[i] : 0,
      })),
      letterCampaigns: campaigns.edges
        .map((e) => e.node)
        .filter((c) => c.status === 'OPEN' && (!branch || c.branchId === branch.id))
        .slice(0, size),
      events: items,
    };
  }
}
