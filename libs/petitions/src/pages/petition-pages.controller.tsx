import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BranchesService } from '@app/branches';
import { DomainError, LoaderRegistry, Public, PublicAction } from '@app/core';
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
import { SignPetitionInput } from '../dto/petition.input';
import { PetitionsService } from '../petitions.service';
import { firstName } from '../signer-rules';
import { SignaturesService } from '../signatures.service';
import { checkEmailPage, petitionListPage, petitionPage, PetitionView, thanksExtra } from './petition.views';

const TEXT_FIELDS = ['fullName', 'email', 'postcode'] as const;

/**
 * The petition pages: the list, a petition with its sign form (also as an embed for partners'
 * sites), "check your email", and the confirmation link's page. Forms post here and go through the
 * same service as `signPetition`: same checks, same answer whoever signs, same response floor.
 */
@Controller()
export class PetitionPagesController {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly signatures: SignaturesService,
    private readonly branches: BranchesService,
    private readonly contexts: PageContexts,
    private readonly limits: FormRateLimit,
  ) {}

  @Public()
  @Get('petitions')
  async list(@Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const page = await this.petitions.list({ first: 50, status: 'OPEN' }, (petition) => petition);
    const loaders = new LoaderRegistry();
    const counts = await this.petitions.countLoader(loaders).loadMany(page.edges.map((e) => e.node.id));
    sendPage(
      res,
      petitionListPage(
        ctx,
        page.edges.map((edge, i) => ({
          petition: edge.node,
          count: typeof counts[i] === 'number' ? counts[i] : 0,
        })),
      ),
    );
  }

  @Public()
  @Get('petitions/confirm')
  @LinkPageHeaders()
  showConfirm(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.petitions.confirmTitle,
      intro: ctx.m.petitions.confirmIntro,
      action: '/petitions/confirm',
      button: ctx.m.petitions.confirmButton,
    });
  }

  @PublicAction()
  @Post('petitions/confirm')
  @HttpCode(200)
  @LinkPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      const petition = await this.signatures.confirm(linkToken(token));
      return {
        title: ctx.m.petitions.thanksTitle,
        paragraphs: [ctx.m.petitions.thanksBody(petition.title)],
        extra: thanksExtra(ctx, petition),
      };
    });
  }

  @Public()
  @Get('petitions/:slug')
  show(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    return this.render(this.contexts.create(), slug, res);
  }

  @Public()
  @Get('embed/petitions/:slug')
  async showEmbed(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    return this.render(this.contexts.create({ embed: true }), slug, res);
  }

  @Public()
  @Post('petitions/:slug')
  sign(
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.submit(this.contexts.create(), slug, body, req, res);
  }

  @Public()
  @Post('embed/petitions/:slug')
  signEmbedded(
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    return this.submit(this.contexts.create({ embed: true }), slug, body, req, res);
  }

  @Public()
  @Get('petitions/:slug/check-email')
  async checkEmail(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    sendPage(res, checkEmailPage(ctx, await this.petitions.bySlug(null, slug)));
  }

  @Public()
  @Get('embed/petitions/:slug/check-email')
  async checkEmailEmbedded(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    const ctx = this.contexts.create({ embed: true });
    sendPage(res, checkEmailPage(ctx, await this.petitions.bySlug(null, slug)));
  }

  private async render(ctx: PageContext, slug: string, res: Response): Promise<void> {
    const view = await this.view(slug);
    sendPage(res, petitionPage(ctx, view, EMAIL_CONSENT.text));
  }

  private async submit(
    ctx: PageContext,
    slug: string,
    body: unknown,
    req: Request,
    res: Response,
  ): Promise<void> {
    const values = formValues(body, TEXT_FIELDS);
    const optIn = ticked(body, 'emailOptIn');
    const showName = ticked(body, 'showName');
    try {
      await this.limits.consume(req, 'sign-petition');
      const input = await validateForm(SignPetitionInput, {
        ...values,
        petitionSlug: slug,
        emailOptIn: optIn,
        showName,
      });
      await this.signatures.sign(input, req.ip ?? 'unknown');
      return redirectAfterPost(
        res,
        `${ctx.embed ? '/embed' : ''}/petitions/${encodeURIComponent(slug)}/check-email`,
      );
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        error.code === 'NOT_FOUND' ||
        error.code === 'INTERNAL_SERVER_ERROR'
      ) {
        throw error;
      }
      const limited = error instanceof FormRateLimitedError;
      const errors = limited ? { form: ctx.m.errors.tooManyField } : formErrors(error.fields, error.message);
      const view = await this.view(slug);
      sendPage(
        res,
        petitionPage(ctx, view, EMAIL_CONSENT.text, { values, errors, optIn, showName }),
        limited ? 429 : 422,
      );
    }
  }

  private async view(slug: string): Promise<PetitionView> {
    const petition = await this.petitions.bySlug(null, slug);
    const loaders = new LoaderRegistry();
    const [count, recent, byDay, byConstituency, branch] = await Promise.all([
      this.petitions.countLoader(loaders).load(petition.id),
      this.petitions.recentLoader(loaders).load(petition.id),
      this.petitions.byDayLoader(loaders).load(petition.id),
      this.petitions.byConstituencyLoader(loaders).load(petition.id),
      petition.branchId ? this.branches.loader(loaders).load(petition.branchId) : Promise.resolve(null),
    ]);
    return {
      petition,
      count,
      recent: recent
        .slice(0, 10)
        .map((s) => ({ firstName: firstName(s.fullName), postcodeDistrict: s.postcodeDistrict })),
      byDay,
      byConstituency,
      branchName: branch?.name,
    };
  }
}
