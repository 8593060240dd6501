import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, Public, PublicAction } from '@app/core';
import {
  chosen,
  formErrors,
  FormRateLimit,
  FormRateLimitedError,
  formValues,
  linkActionPage,
  linkFormPage,
  LinkPageHeaders,
  linkToken,
  PageContexts,
  redirectAfterPost,
  sendPage,
  validateForm,
} from '@app/web';
import { RegisterVenuePledgeInput } from '../dto/pledge.input';
import { CommitmentsService } from '../commitments.service';
import { PledgesService } from '../pledges.service';
import { pledgeCheckEmailPage, pledgeFormPage, pledgeThanksExtra } from './pledge.views';

const TEXT_FIELDS = [
  'name',
  'kind',
  'address',
  'postcode',
  'website',
  'licenceNumber',
  'publicEmail',
  'notes',
  'fullName',
  'email',
  'role',
] as const;

/** An optional field left empty is not given (as a GraphQL client would leave it out). */
const given = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/**
 * The venue owner's pages: the pledge form (the same service and input class as the public
 * `registerVenuePledge` mutation: same checks, same rate limit, same answer whether or not the
 * address is known), "check your email", and the page behind the emailed confirmation link.
 */
@Controller()
export class PledgePagesController {
  constructor(
    private readonly pledges: PledgesService,
    private readonly commitments: CommitmentsService,
    private readonly contexts: PageContexts,
    private readonly limits: FormRateLimit,
  ) {}

  @Public()
  @Get('pledge')
  async form(@Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    sendPage(res, pledgeFormPage(ctx, await this.commitments.list(false)));
  }

  @Public()
  @Post('pledge')
  async register(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const values = formValues(body, TEXT_FIELDS);
    const commitments = chosen(body, 'commitments');
    try {
      await this.limits.consume(req, 'register-venue-pledge');
      const input = await validateForm(RegisterVenuePledgeInput, {
        venue: {
          name: values.name,
          kind: values.kind,
          address: values.address,
          postcode: values.postcode,
          website: given(values.website),
          licenceNumber: given(values.licenceNumber),
          publicEmail: given(values.publicEmail),
        },
        owner: { fullName: values.fullName, email: values.email, role: values.role },
        commitments,
        notes: values.notes,
      });
      await this.pledges.register(input);
      return redirectAfterPost(res, '/pledge/check-email');
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
      const catalogue = await this.commitments.list(false);
      sendPage(res, pledgeFormPage(ctx, catalogue, { values, commitments, errors }), limited ? 429 : 422);
    }
  }

  @Public()
  @Get('pledge/check-email')
  checkEmail(@Res() res: Response): void {
    sendPage(res, pledgeCheckEmailPage(this.contexts.create()));
  }

  @Public()
  @Get('pledges/confirm')
  @LinkPageHeaders()
  showConfirm(@Query('token') token: unknown): string {
    const ctx = this.contexts.create();
    return linkFormPage(ctx, linkToken(token), {
      title: ctx.m.pledges.confirmTitle,
      intro: ctx.m.pledges.confirmIntro,
      action: '/pledges/confirm',
      button: ctx.m.pledges.confirmButton,
    });
  }

  @PublicAction()
  @Post('pledges/confirm')
  @HttpCode(200)
  @LinkPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = this.contexts.create();
    return linkActionPage(ctx, res, async () => {
      const pledge = await this.pledges.confirm(linkToken(token));
      return {
        title: ctx.m.pledges.thanksTitle,
        paragraphs: [ctx.m.pledges.thanksBody(pledge.venue!.name)],
        extra: pledgeThanksExtra(ctx),
      };
    });
  }
}
