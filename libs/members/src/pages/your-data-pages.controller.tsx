import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
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
  validateForm,
} from '@app/web';
import { DataRightsService } from '../data-rights.service';
import { EmailArgs } from '../dto/email.args';
import {
  DATA_REQUESTS,
  DataRequest,
  emailField,
  yourDataCheckEmailPage,
  yourDataPage,
} from './your-data.views';

/**
 * "Your data", linked from every page's footer: a supporter asks, with no account, for a copy of what
 * the campaign holds about them or for its erasure. Each form goes through the same service as
 * `requestMyData` / `requestErasure` (same checks, rate limit and response floor) and answers
 * "check your email" whether or not the address is known; the emailed link does the rest.
 */
@Controller('your-data')
export class YourDataPagesController {
  constructor(
    private readonly rights: DataRightsService,
    private readonly contexts: PageContexts,
    private readonly limits: FormRateLimit,
  ) {}

  @Public()
  @Get()
  show(@Res() res: Response): void {
    sendPage(res, yourDataPage(this.contexts.create()));
  }

  /** Both forms post here; a hidden field says which one it is. */
  @Public()
  @Post()
  async submit(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = this.contexts.create();
    const request = requestOf(body);
    const field = emailField(request);
    const values = formValues(body, [field]);
    try {
      await this.limits.consume(req, request === 'copy' ? 'request-my-data' : 'request-erasure');
      const { email } = await validateForm(EmailArgs, { email: values[field] });
      await (request === 'copy' ? this.rights.requestData(email) : this.rights.requestErasure(email));
      return redirectAfterPost(res, `/your-data/check-email?request=${request}`);
    } catch (error) {
      if (!isFormError(error)) {
        throw error;
      }
      const limited = error instanceof FormRateLimitedError;
      const message = limited
        ? ctx.m.errors.tooManyField
        : formErrors(error.fields, error.message, 'email').email;
      sendPage(res, yourDataPage(ctx, { values, errors: { [field]: message } }), limited ? 429 : 422);
    }
  }

  @Public()
  @Get('check-email')
  checkEmail(@Query('request') request: unknown, @Res() res: Response): void {
    sendPage(res, yourDataCheckEmailPage(this.contexts.create(), request === 'erase' ? 'erase' : 'copy'));
  }
}

/** Which form was sent (the copy, unless it says erase). */
function requestOf(body: unknown): DataRequest {
  const value = formValues(body, ['request']).request;
  return DATA_REQUESTS.find((kind) => kind === value) ?? 'copy';
}
