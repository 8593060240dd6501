import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BranchesService } from '@app/branches';
import { Public } from '@app/core';
import {
  formErrors,
  FormRateLimit,
  FormRateLimitedError,
  formValues,
  isFormError,
  PageContexts,
  redirectAfterPost,
  sendPage,
  ticked,
  validateForm,
} from '@app/web';
import { EMAIL_CONSENT } from '../consent';
import { JoinCampaignInput } from '../dto/join-campaign.input';
import { JoinService } from '../join.service';
import { JOIN_FIELDS, joinCheckEmailPage, joinPage } from './join.views';

const TEXT_FIELDS = JOIN_FIELDS.filter((name) => name !== 'emailOptIn');

/**
 * Joining from the supporter pages: the form (a branch chosen from the list, or found from the
 * postcode), posted through the same service as `joinCampaign` with the same checks, rate limit,
 * response floor and answer whether or not the address is known; then "check your email".
 */
@Controller('join')
export class JoinPagesController {
  constructor(
    private readonly join: JoinService,
    private readonly branches: BranchesService,
    private readonly contexts: PageContexts,
    private readonly limits: FormRateLimit,
  ) {}

  /** `?branch=<slug>` chooses a branch in the list (for links from a branch's own pages). */
  @Public()
  @Get()
  async show(@Query('branch') branch: unknown, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const branches = await this.branches.list();
    const chosen = branches.find((b) => b.slug === branch);
    sendPage(
      res,
      joinPage(ctx, {
        branches,
        consentText: EMAIL_CONSENT.text,
        values: { branchSlug: chosen?.slug ?? '' },
        branchName: chosen?.name,
      }),
    );
  }

  @Public()
  @Post()
  async submit(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const values = formValues(body, TEXT_FIELDS);
    const optIn = ticked(body, 'emailOptIn');
    try {
      await this.limits.consume(req, 'join-campaign');
      const input = await validateForm(JoinCampaignInput, {
        ...values,
        branchSlug: values.branchSlug === '' ? undefined : values.branchSlug,
        emailOptIn: optIn,
      });
      await this.join.join(input);
      return redirectAfterPost(res, '/join/check-email');
    } catch (error) {
      if (!isFormError(error)) {
        throw error;
      }
      const limited = error instanceof FormRateLimitedError;
      const errors = limited ? { form: ctx.m.errors.tooManyField } : formErrors(error.fields, error.message);
      if (errors.branchSlug) {
        errors.branchSlug = ctx.m.join.branchUnknown;
      }
      const branches = await this.branches.list();
      sendPage(
        res,
        joinPage(ctx, {
          branches,
          consentText: EMAIL_CONSENT.text,
          values,
          errors,
          optIn,
          branchName: branches.find((b) => b.slug === values.branchSlug)?.name,
        }),
        limited ? 429 : 422,
      );
    }
  }

  @Public()
  @Get('check-email')
  checkEmail(@Res() res: Response): void {
    sendPage(res, joinCheckEmailPage(this.contexts.create()));
  }
}
