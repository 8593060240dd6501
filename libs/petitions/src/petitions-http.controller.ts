import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, RequireRole, sendDownload } from '@app/core';
import { PetitionsService } from './petitions.service';
import { SignaturesService } from './signatures.service';

/** The delivery export (the pages, the confirmation link's included, are in ./pages). */
@Controller('petitions')
export class PetitionsHttpController {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly signatures: SignaturesService,
  ) {}

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
