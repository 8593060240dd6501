import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { BranchesService } from '@app/branches';
import {
  BadUserInputError,
  DomainError,
  LoaderRegistry,
  NotFoundError,
  Public,
  PublicAction,
} from '@app/core';
import { EMAIL_CONSENT } from '@app/members';
import {
  embedHeaders,
  formErrors,
  FormRateLimit,
  FormRateLimitedError,
  formValues,
  linkActionPage,
  linkFormPage,
  LinkPageHeaders,
  linkToken,
  PageContext,
  PageContexts,
  redirectAfterPost,
  sendPage,
  ticked,
  validateForm,
} from '@app/web';
import { RsvpInput } from '../dto/event.input';
import { CampaignEvent, EVENT_KINDS, EventKind } from '../event.entity';
import { RsvpClosedError } from '../events.errors';
import { EventsService } from '../events.service';
import { RsvpService } from '../rsvp.service';
import { eventItems } from './event-items';
import {
  EventItem,
  eventListPage,
  eventPage,
  eventPath,
  EventView,
  ReplyOutcome,
  replyPage,
} from './event.views';

const TEXT_FIELDS = ['fullName', 'email', 'postcode'] as const;
const LIST_SIZE = 30;

/**
 * The events pages: the list (filters as a GET form), an event with its RSVP form (also as an embed
 * for partners' sites), the page after replying, and the cancel link's pages. Forms post here and go
 * through the same service as the public `rsvp` mutation: same checks, same public answer, same
 * rate limit.
 */
@Controller()
export class EventPagesController {
  constructor(
    private readonly events: EventsService,
    private readonly rsvps: RsvpService,
    private readonly branches: BranchesService,
    private readonly contexts: PageContexts,
    private readonly limits: FormRateLimit,
  ) {}

  @Public()
  @Get('events')
  async list(
    @Query('branch') branch: unknown,
    @Query('kind') kind: unknown,
    @Query('after') after: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = this.contexts.create();
    const branches = await this.branches.list();
    // Unknown filter values are ignored (a GET form anyone can edit), not errors.
    const filter = {
      branch: typeof branch === 'string' && branches.some((b) => b.slug === branch) ? branch : undefined,
      kind:
        typeof kind === 'string' && (EVENT_KINDS as readonly string[]).includes(kind)
          ? (kind as EventKind)
          : undefined,
    };
    const cursor = typeof after === 'string' && after.length > 0 && after.length <= 200 ? after : undefined;
    const page = await this.listPage(filter, cursor);
    const items = await this.items(page.edges.map((e) => e.node));
    sendPage(
      res,
      eventListPage(ctx, {
        items,
        branches: branches.map((b) => ({ slug: b.slug, name: b.name })),
        filter,
        next: page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined,
      }),
    );
  }

  @Public()
  @Get('rsvp/cancel')
  @LinkPageHeaders()
  showCancel(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.events.cancelTitle,
      intro: ctx.m.events.cancelIntro,
      action: '/rsvp/cancel',
      button: ctx.m.events.cancelButton,
    });
  }

  @PublicAction()
  @Post('rsvp/cancel')
  @HttpCode(200)
  @LinkPageHeaders()
  cancel(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      await this.rsvps.cancel(linkToken(token));
      return {
        title: ctx.m.events.cancelledTitle,
        paragraphs: [ctx.m.events.cancelledBody],
        extra: (
          <p>
            <a href="/events">{ctx.m.events.moreEvents}</a>
          </p>
        ),
      };
    });
  }

  @Public()
  @Get('events/:id')
  show(@Param('id') id: string, @Res() res: Response): Promise<void> {
    return this.render(this.contexts.create(), id, res);
  }

  @Public()
  @Get('embed/events/:id')
  showEmbed(@Param('id') id: string, @Res() res: Response): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    return this.render(this.contexts.create({ embed: true }), id, res);
  }

  @Public()
  @Post('events/:id')
  reply(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.submit(this.contexts.create(), id, body, req, res);
  }

  @Public()
  @Post('embed/events/:id')
  replyEmbedded(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    return this.submit(this.contexts.create({ embed: true }), id, body, req, res);
  }

  @Public()
  @Get('events/:id/reply')
  async replied(
    @Param('id') id: string,
    @Query('status') status: unknown,
    @Res() res: Response,
  ): Promise<void> {
    sendPage(res, replyPage(this.contexts.create(), await this.event(id), outcome(status)));
  }

  @Public()
  @Get('embed/events/:id/reply')
  async repliedEmbedded(
    @Param('id') id: string,
    @Query('status') status: unknown,
    @Res() res: Response,
  ): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    sendPage(res, replyPage(this.contexts.create({ embed: true }), await this.event(id), outcome(status)));
  }

  private async render(ctx: PageContext, id: string, res: Response): Promise<void> {
    sendPage(res, eventPage(ctx, await this.view(id), EMAIL_CONSENT.text));
  }

  private async submit(
    ctx: PageContext,
    id: string,
    body: unknown,
    req: Request,
    res: Response,
  ): Promise<void> {
    const values = formValues(body, TEXT_FIELDS);
    const optIn = ticked(body, 'emailOptIn');
    await this.event(id); // NOT_FOUND (a 404 page) before anything else
    try {
      await this.limits.consume(req, 'rsvp');
      const input = await validateForm(RsvpInput, {
        eventId: id,
        fullName: values.fullName,
        email: values.email,
        // The postcode is optional: an empty box is "not given", not a bad postcode.
        postcode: values.postcode.trim() === '' ? null : values.postcode,
        emailOptIn: optIn,
      });
      const status = await this.rsvps.rsvp(input);
      const answer: ReplyOutcome = status === 'WAITLISTED' ? 'waiting-list' : 'going';
      return redirectAfterPost(res, `${eventPath(ctx, id)}/reply?status=${answer}`);
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        error.code === 'NOT_FOUND' ||
        error.code === 'INTERNAL_SERVER_ERROR'
      ) {
        throw error;
      }
      const limited = error instanceof FormRateLimitedError;
      const errors = limited
        ? { form: ctx.m.errors.tooManyField }
        : error instanceof RsvpClosedError
          ? { form: error.message }
          : formErrors(error.fields, error.message);
      sendPage(
        res,
        eventPage(ctx, await this.view(id), EMAIL_CONSENT.text, { values, errors, optIn }),
        limited ? 429 : 422,
      );
    }
  }

  /** A published (or cancelled) event; drafts and ids that are not ids are NOT_FOUND. */
  private async event(id: string): Promise<CampaignEvent> {
    if (!isUUID(id)) {
      throw new NotFoundError('Event');
    }
    return this.events.getVisible(null, id);
  }

  private async view(id: string): Promise<EventView> {
    const event = await this.event(id);
    const loaders = new LoaderRegistry();
    const [branch, going] = await Promise.all([
      this.branches.loader(loaders).load(event.branchId),
      event.capacity === null ? Promise.resolve(0) : this.events.spacesLeftLoader(loaders).load(event.id),
    ]);
    return {
      event,
      branchName: branch?.name ?? null,
      branchSlug: branch?.slug ?? null,
      spacesLeft: event.capacity === null ? null : Math.max(0, event.capacity - going),
    };
  }

  private async listPage(filter: { branch?: string; kind?: EventKind }, after: string | undefined) {
    const args = { first: LIST_SIZE, branchSlug: filter.branch, kind: filter.kind, after };
    try {
      return await this.events.listPublic(args, (event) => event);
    } catch (error) {
      // A cursor someone edited: start from the beginning instead.
      if (error instanceof BadUserInputError && after) {
        return this.events.listPublic({ ...args, after: undefined }, (event) => event);
      }
      throw error;
    }
  }

  /** Branch names and places left for a page of events: one query each, whatever the page's length. */
  private async items(events: CampaignEvent[]): Promise<EventItem[]> {
    return eventItems(this.events, this.branches, events);
  }
}

function outcome(status: unknown): ReplyOutcome | null {
  return status === 'going' || status === 'waiting-list' ? status : null;
}
