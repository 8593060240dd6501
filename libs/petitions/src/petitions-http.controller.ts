import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, RequireRole, sendDownload } from '@app/core';
import { PetitionBriefingsService } from './petition-briefings.service';
import { PetitionsService } from './petitions.service';
import { SignaturesService } from './signatures.service';

/** The delivery export and the MSP briefing (the pages, the confirmation link's included, are in ./pages). */
@Controller('petitions')
export class PetitionsHttpController {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly signatures: SignaturesService,
    private readonly briefings: PetitionBriefingsService,
  ) {}

  /** The per-MSP briefing as CSV (organisers of the petition's branch; admins). Audited. */
  @RequireRole('ORGANISER')
  @Get(':id/briefing.csv')
  async briefing(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.petitions.getManaged(actor, id);
    await sendDownload(res, { contentType: 'text/csv; charset=utf-8', filename: 'briefing.csv' }, (out) =>
      this.briefings.exportCsv(actor, id, out),
    );
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
