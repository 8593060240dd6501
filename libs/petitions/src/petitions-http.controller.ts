import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  Actor,
  ActionPageHeaders,
  CurrentActor,
  Public,
  PublicAction,
  renderActionPage,
  RequireRole,
} from '@app/core';
import { PetitionsService } from './petitions.service';
import { InvalidSignatureLinkError, SignaturesService } from './signatures.service';

const tokenOf = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 200) : '');

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
    return renderActionPage({
      title: 'Confirm your signature',
      paragraphs: ['Press the button and your signature is counted.'],
      form: {
        action: '/petitions/confirm',
        fields: { token: tokenOf(token) },
        button: 'Confirm my signature',
      },
    });
  }

  @PublicAction()
  @Post('confirm')
  @HttpCode(200)
  @ActionPageHeaders()
  async confirm(@Body('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      const petition = await this.signatures.confirm(tokenOf(token));
      return renderActionPage({
        title: 'Thank you: your signature is counted',
        paragraphs: [`You have signed “${petition.title}”.`],
      });
    } catch (error) {
      if (!(error instanceof InvalidSignatureLinkError)) {
        throw error;
      }
      res.status(400);
      return renderActionPage({ title: 'This link no longer works', paragraphs: [error.message] });
    }
  }

  @RequireRole('ORGANISER')
  @Get(':id/signatures.csv')
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.petitions.getManaged(actor, id);
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="signatures.csv"',
      'Cache-Control': 'no-store',
    });
    try {
      await this.signatures.export(actor, id, res);
      res.end();
    } catch {
      res.destroy();
    }
  }
}
