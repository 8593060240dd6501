import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  Actor,
  ActionPageHeaders,
  CurrentActor,
  linkActionPage,
  linkFormPage,
  linkToken,
  Public,
  PublicAction,
  RequireRole,
  sendDownload,
} from '@app/core';
import { PetitionsService } from './petitions.service';
import { InvalidSignatureLinkError, SignaturesService } from './signatures.service';

/** The confirmation link's page, and the delivery export. */
@Controller('petitions')
export class PetitionsHttpController {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly signatures: SignaturesService,
  ) {}

  @Public()
  @Get('confirm')
  @ActionPageHeaders()
  show(@Query('token') token: unknown): string {
    return linkFormPage(linkToken(token), {
      title: 'Confirm your signature',
      intro: 'Press the button and your signature is counted.',
      action: '/petitions/confirm',
      button: 'Confirm my signature',
    });
  }

  @PublicAction()
  @Post('confirm')
  @HttpCode(200)
  @ActionPageHeaders()
  confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return linkActionPage(res, InvalidSignatureLinkError, async () => {
      const petition = await this.signatures.confirm(linkToken(token));
      return {
        title: 'Thank you: your signature is counted',
        paragraphs: [`You have signed “${petition.title}”.`],
      };
    });
  }

  @RequireRole('ORGANISER')
  @Get(':id/signatures.csv')
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.petitions.getManaged(actor, id);
    await sendDownload(res, { contentType: 'text/csv; charset=utf-8', filename: 'signatures.csv' }, (out) =>
      this.signatures.export(actor, id, out),
    );
  }
}
