import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BranchesService } from '@app/branches';
import { BadUserInputError, LoaderRegistry, Public } from '@app/core';
import { formErrors, FormErrors, formValues, PageContexts, sendPage, validateForm } from '@app/web';
import type { Commitment } from '../commitment.entity';
import { PledgedVenuesArgs } from '../dto/pledge.input';
import type { Pledge } from '../pledge.entity';
import { CommitmentsService } from '../commitments.service';
import { PledgeDirectoryService } from '../pledge-directory.service';
import { directoryPage, DirectoryView, ListedVenue, venuePage } from './venue.views';

/** Venues a page of the directory shows. */
const PAGE_SIZE = 20;

/** Only what the public `pledgedVenues` query gives: nothing about the people behind the venue. */
function listed(pledge: Pledge, catalogue: Map<string, Commitment>): ListedVenue {
  const venue = pledge.venue!;
  return {
    id: venue.id,
    name: venue.name,
    kind: venue.kind,
    area: venue.postcodeDistrict,
    commitments: pledge.commitments.map((code) => catalogue.get(code)).filter((c): c is Commitment => !!c),
    verifiedSince: pledge.verifiedAt!,
    verifiedUntil: pledge.expiresAt!,
  };
}

/**
 * The public directory of venues with a verified, current pledge (the `pledgedVenues` query's
 * service, filters and keyset pages, as a GET form that works without JavaScript) and each listed
 * venue's page. Nothing here changes anything.
 */
@Controller()
export class VenuePagesController {
  constructor(
    private readonly listing: PledgeDirectoryService,
    private readonly commitments: CommitmentsService,
    private readonly branches: BranchesService,
    private readonly contexts: PageContexts,
  ) {}

  @Public()
  @Get('venues')
  async directory(@Query() query: unknown, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const { branch, commitment, kind } = formValues(query, ['branch', 'commitment', 'kind']);
    const filters = { branch, commitment, kind };
    const after = formValues(query, ['after']).after.slice(0, 200);
    const [branches, commitments] = await Promise.all([this.branches.list(), this.commitments.list(true)]);
    const catalogue = new Map(commitments.map((c) => [c.code, c]));
    const view: DirectoryView = {
      filters,
      venues: [],
      totalCount: 0,
      nextCursor: null,
      later: false,
      branches: branches.map((b) => ({ slug: b.slug, name: b.name })),
      catalogue: commitments
        .filter((c) => c.retiredAt === null)
        .map((c) => ({ code: c.code, title: c.title })),
    };
    let args: PledgedVenuesArgs;
    try {
      args = await validateForm(PledgedVenuesArgs, {
        first: PAGE_SIZE,
        branchSlug: filters.branch || undefined,
        commitment: filters.commitment || undefined,
        kind: filters.kind || undefined,
        after: after || undefined,
      });
    } catch (error) {
      if (!(error instanceof BadUserInputError)) {
        throw error;
      }
      view.errors = filterErrors(formErrors(error.fields, error.message, 'branch'));
      return sendPage(res, directoryPage(ctx, view), 400);
    }
    const page = await this.listing
      .directory(args, (pledge) => listed(pledge, catalogue))
      // A mangled "next page" link starts again from the first page.
      .catch((error: unknown) => {
        if (error instanceof BadUserInputError && args.after) {
          args.after = null;
          return this.listing.directory(args, (pledge) => listed(pledge, catalogue));
        }
        throw error;
      });
    view.venues = page.edges.map((edge) => edge.node);
    view.totalCount = page.totalCount;
    view.nextCursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    view.later = Boolean(args.after);
    sendPage(res, directoryPage(ctx, view));
  }

  @Public()
  @Get('venues/:id')
  async venue(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const pledge = await this.listing.listedPledge(id);
    const [commitments, branch] = await Promise.all([
      this.commitments.list(true),
      pledge.venue!.branchId
        ? this.branches.loader(new LoaderRegistry()).load(pledge.venue!.branchId)
        : Promise.resolve(null),
    ]);
    const catalogue = new Map(commitments.map((c) => [c.code, c]));
    sendPage(res, venuePage(ctx, listed(pledge, catalogue), branch?.name));
  }
}

/** The service's argument names as the form's field names (`branchSlug` is the form's `branch`). */
function filterErrors(errors: FormErrors): FormErrors {
  const { branchSlug, ...rest } = errors;
  return branchSlug ? { branch: branchSlug, ...rest } : rest;
}
