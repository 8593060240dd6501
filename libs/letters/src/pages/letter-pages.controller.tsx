import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BranchesService } from '@app/branches';
import {
  BadUserInputError,
  DomainError,
  InvalidLinkError,
  LoaderRegistry,
  normalisePostcode,
  Public,
  PublicAction,
} from '@app/core';
import { EMAIL_CONSENT } from '@app/members';
import {
  embedHeaders,
  FormErrors,
  formErrors,
  FormRateLimit,
  FormRateLimitedError,
  formValues,
  linkFormPage,
  LinkPageHeaders,
  linkToken,
  PageContext,
  PageContexts,
  redirectAfterPost,
  renderLinkPage,
  sendPage,
  staleLinkPage,
  ticked,
  validateForm,
} from '@app/web';
import { WriteLettersInput } from '../dto/letter-campaign.input';
import { LetterCampaign } from '../letter-campaign.entity';
import { LetterCampaignsService } from '../letter-campaigns.service';
import { inDigest, LettersService } from '../letters.service';
import {
  CampaignPageView,
  DeliveryView,
  letterCampaignListPage,
  letterCampaignPage,
  letterCheckEmailPage,
  letterStatusPage,
  recipientsOf,
  thanksExtra,
  writePath,
} from './letter.views';

const TEXT_FIELDS = ['postcode', 'subject', 'body', 'fullName', 'email'] as const;

/** The fields a service's problem can name that the letter form has (anything else is the form's). */
const FORM_FIELDS = new Set<string>(TEXT_FIELDS);

/**
 * A service's refusal as form errors: its own sentence, on the field it names ("We cannot place that
 * postcode…", "This campaign asks you to put the letter in your own words…").
 */
function serviceErrors(error: DomainError): FormErrors {
  const field = error.fields?.[0]?.field.split('.').pop();
  return { [field && FORM_FIELDS.has(field) ? field : 'form']: error.message };
}

const statusPath = (key: string): string => `/letters/status?key=${encodeURIComponent(key)}`;

/**
 * The letter-campaign pages: the open campaigns, a campaign (postcode → recipients → the letter to
 * personalise → preview → send), also as an embed for partners' sites, "check your email", the
 * confirmation link's page and the delivery-status page. Forms post here and go through the same
 * services as `previewLetters` and `writeLetters`: the same checks, the same answer whoever writes,
 * the same response floor.
 */
@Controller()
export class LetterPagesController {
  constructor(
    private readonly campaigns: LetterCampaignsService,
    private readonly letters: LettersService,
    private readonly branches: BranchesService,
    private readonly contexts: PageContexts,
    private readonly limits: FormRateLimit,
  ) {}

  @Public()
  @Get('write')
  async list(@Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const page = await this.campaigns.list({ first: 50 }, (campaign) => campaign);
    sendPage(
      res,
      letterCampaignListPage(
        ctx,
        page.edges.map((e) => e.node).filter((c) => c.status === 'OPEN'),
      ),
    );
  }

  @Public()
  @Get('write/:slug')
  show(
    @Param('slug') slug: string,
    @Query('postcode') postcode: unknown,
    @Res() res: Response,
  ): Promise<void> {
    return this.showCampaign(this.contexts.create(), slug, postcode, res);
  }

  @Public()
  @Get('embed/write/:slug')
  showEmbed(
    @Param('slug') slug: string,
    @Query('postcode') postcode: unknown,
    @Res() res: Response,
  ): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    return this.showCampaign(this.contexts.create({ embed: true }), slug, postcode, res);
  }

  @Public()
  @Post('write/:slug')
  write(
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.submit(this.contexts.create(), slug, body, req, res);
  }

  @Public()
  @Post('embed/write/:slug')
  writeEmbedded(
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    return this.submit(this.contexts.create({ embed: true }), slug, body, req, res);
  }

  @Public()
  @Get('write/:slug/check-email')
  async checkEmail(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    sendPage(res, letterCheckEmailPage(ctx, await this.campaigns.bySlug(null, slug)));
  }

  @Public()
  @Get('embed/write/:slug/check-email')
  async checkEmailEmbedded(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    embedHeaders(res, this.contexts.embedOrigins());
    const ctx = this.contexts.create({ embed: true });
    sendPage(res, letterCheckEmailPage(ctx, await this.campaigns.bySlug(null, slug)));
  }

  @Public()
  @Get('letters/confirm')
  @LinkPageHeaders()
  showConfirm(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.letters.confirmTitle,
      intro: ctx.m.letters.confirmIntro,
      action: '/letters/confirm',
      button: ctx.m.letters.confirmButton,
    });
  }

  /**
   * Sends the letters, once. The page shows each recipient and their letter's progress, and links to
   * the status page, whose key (derived from the link) only the person who confirmed learns. A link
   * already used says so (400, as before) and, for its holder, links to that status page.
   */
  @PublicAction()
  @Post('letters/confirm')
  @HttpCode(200)
  @LinkPageHeaders()
  async confirm(@Body('token') raw: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = this.contexts.create();
    const token = linkToken(raw);
    try {
      const { campaign, queued, statusKey } = await this.letters.confirm(token);
      const view = await this.deliveryView(statusKey);
      return renderLinkPage(ctx, {
        title: ctx.m.letters.thanksTitle,
        paragraphs: [ctx.m.letters.thanksBody(queued, campaign.title)],
        extra: thanksExtra(ctx, view),
      });
    } catch (error) {
      if (!(error instanceof InvalidLinkError)) {
        throw error;
      }
      res.status(400);
      const used = await this.letters.usedLinkStatusKey(token);
      const page = staleLinkPage(ctx, error);
      return renderLinkPage(
        ctx,
        used
          ? {
              ...page,
              paragraphs: [ctx.m.letters.usedLinkStatus],
              extra: (
                <p>
                  <a href={statusPath(used)}>{ctx.m.letters.statusLink}</a>
                </p>
              ),
            }
          : page,
      );
    }
  }

  /** Where each letter of one confirmation has got to (NOT_FOUND for any other key). A read. */
  @Public()
  @Get('letters/status')
  @LinkPageHeaders()
  async status(@Query('key') key: unknown): Promise<string> {
    const ctx = this.contexts.create();
    return letterStatusPage(ctx, await this.deliveryView(linkToken(key)));
  }

  private async deliveryView(statusKey: string): Promise<DeliveryView> {
    const { campaign, letters } = await this.letters.deliveries(statusKey);
    return { campaign, letters, statusUrl: statusPath(statusKey) };
  }

  /** The campaign page: the postcode form, or (for a postcode, a read) its recipients and the letter. */
  private async showCampaign(
    ctx: PageContext,
    slug: string,
    rawPostcode: unknown,
    res: Response,
  ): Promise<void> {
    const campaign = await this.campaigns.bySlug(null, slug);
    const postcode = typeof rawPostcode === 'string' ? rawPostcode.slice(0, 20) : '';
    const view = await this.view(campaign, { values: { postcode }, step: 'postcode' });
    if (campaign.status !== 'OPEN' || !postcode.trim()) {
      return sendPage(res, letterCampaignPage(ctx, view, EMAIL_CONSENT.text));
    }
    try {
      const letters = await this.letters.preview(null, slug, postcode, '');
      const normalised = normalisePostcode(postcode) ?? postcode;
      sendPage(
        res,
        letterCampaignPage(
          ctx,
          {
            ...view,
            step: 'letter',
            recipients: recipientsOf(letters, normalised),
            values: { postcode: normalised, subject: campaign.subjectTemplate, body: campaign.bodyTemplate },
          },
          EMAIL_CONSENT.text,
        ),
      );
    } catch (error) {
      if (!(error instanceof BadUserInputError)) {
        throw error;
      }
      sendPage(
        res,
        letterCampaignPage(ctx, { ...view, errors: serviceErrors(error) }, EMAIL_CONSENT.text),
        422,
      );
    }
  }

  /**
   * The letter form's two buttons. "Preview" renders each recipient's letter as written (the same
   * service as `previewLetters`, with the writer's words); "Send" is `writeLetters` (same validation,
   * public rate limit and response floor), then "check your email". A refusal shows the form again
   * with everything typed, the error summary first.
   */
  private async submit(
    ctx: PageContext,
    slug: string,
    body: unknown,
    req: Request,
    res: Response,
  ): Promise<void> {
    const values = formValues(body, TEXT_FIELDS);
    const optIn = ticked(body, 'emailOptIn');
    const action = formValues(body, ['action']).action === 'send' ? 'send' : 'preview';
    const campaign = await this.campaigns.bySlug(null, slug);
    const view = await this.view(campaign, { values, optIn, step: 'letter' });
    if (campaign.status !== 'OPEN') {
      return sendPage(res, letterCampaignPage(ctx, view, EMAIL_CONSENT.text), 409);
    }
    if (action === 'preview') {
      return this.preview(ctx, view, res);
    }
    try {
      await this.limits.consume(req, 'write-letters');
    } catch (error) {
      if (!(error instanceof FormRateLimitedError)) {
        throw error;
      }
      return this.refuse(ctx, view, { form: ctx.m.errors.tooManyField }, res, 429);
    }
    let input: WriteLettersInput;
    try {
      input = await validateForm(WriteLettersInput, { ...values, campaignSlug: slug, emailOptIn: optIn });
    } catch (error) {
      if (!(error instanceof BadUserInputError)) {
        throw error;
      }
      return this.refuse(ctx, view, formErrors(error.fields, error.message), res, 422);
    }
    try {
      await this.letters.write(input);
    } catch (error) {
      if (!(error instanceof BadUserInputError)) {
        throw error;
      }
      return this.refuse(ctx, view, serviceErrors(error), res, 422);
    }
    redirectAfterPost(res, `${writePath(ctx, slug)}/check-email`);
  }

  private async preview(ctx: PageContext, view: CampaignPageView, res: Response): Promise<void> {
    const { values } = view;
    try {
      const written = await this.letters.previewWritten(view.campaign.slug, {
        postcode: values.postcode,
        fullName: values.fullName.trim() || ctx.m.letters.yourNameHere,
        subject: values.subject,
        body: values.body,
      });
      const postcode = normalisePostcode(values.postcode) ?? values.postcode;
      sendPage(
        res,
        letterCampaignPage(
          ctx,
          {
            ...view,
            recipients: recipientsOf(written.letters, postcode),
            preview: {
              letters: written.letters,
              share: written.personalisedShare,
              unchanged: written.unchanged,
              nearCopy: written.nearCopy,
              digest: written.letters.some((l) => inDigest(written.campaign, l.nearCopy)),
            },
          },
          EMAIL_CONSENT.text,
        ),
      );
    } catch (error) {
      if (!(error instanceof BadUserInputError)) {
        throw error;
      }
      await this.refuse(ctx, view, serviceErrors(error), res, 422);
    }
  }

  /** The letter form again, with what was typed, the errors, and the recipients where they can be found. */
  private async refuse(
    ctx: PageContext,
    view: CampaignPageView,
    errors: FormErrors,
    res: Response,
    status: number,
  ): Promise<void> {
    let recipients: CampaignPageView['recipients'];
    if (!errors.postcode && normalisePostcode(view.values.postcode)) {
      recipients = await this.letters
        .preview(null, view.campaign.slug, view.values.postcode, '')
        .then((letters) => recipientsOf(letters, normalisePostcode(view.values.postcode)!))
        .catch(() => undefined);
    }
    sendPage(res, letterCampaignPage(ctx, { ...view, errors, recipients }, EMAIL_CONSENT.text), status);
  }

  private async view(
    campaign: LetterCampaign,
    form: { values: Partial<Record<string, string>>; optIn?: boolean; step: CampaignPageView['step'] },
  ): Promise<CampaignPageView> {
    const loaders = new LoaderRegistry();
    const [branch, fixedTargets] = await Promise.all([
      campaign.branchId ? this.branches.loader(loaders).load(campaign.branchId) : Promise.resolve(null),
      campaign.targeting === 'SELECTED_TARGETS'
        ? this.campaigns.targetsLoader(loaders).load(campaign.id)
        : Promise.resolve([]),
    ]);
    const values = Object.fromEntries(TEXT_FIELDS.map((name) => [name, form.values[name] ?? '']));
    return {
      campaign,
      branchName: branch?.name,
      fixedTargets: fixedTargets.map((row) => row.target!).filter((t) => t.active),
      step: form.step,
      values,
      errors: {},
      optIn: form.optIn ?? false,
    };
  }
}
