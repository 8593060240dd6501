import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, BadUserInputError, CurrentActor, RequireRole, sendDownload } from '@app/core';
import { ImportReport, MemberCsvService } from './member-csv.service';

/**
 * CSV in and out for organisers, over plain HTTP with the bearer token:
 * `GET /branches/:branchId/members.csv` and `POST /branches/:branchId/members/import`
 * (body: the CSV itself, `Content-Type: text/csv`).
 */
@Controller('branches/:branchId')
export class MemberCsvController {
  constructor(private readonly csv: MemberCsvService) {}

  @RequireRole('ORGANISER')
  @Get('members.csv')
  async export(
    @CurrentActor() actor: Actor,
    @Param('branchId', ParseUUIDPipe) branchId: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.csv.checkBranch(actor, branchId);
    await sendDownload(res, { contentType: 'text/csv; charset=utf-8', filename: 'members.csv' }, (out) =>
      this.csv.export(actor, branchId, out),
    );
  }

  @RequireRole('ORGANISER')
  @Post('members/import')
  @HttpCode(200)
  async import(
    @CurrentActor() actor: Actor,
    @Param('branchId', ParseUUIDPipe) branchId: string,
    @Req() req: Request,
  ): Promise<ImportReport> {
    if (!req.is('text/csv')) {
      throw new BadUserInputError('Send the CSV file itself as the body, with Content-Type: text/csv.', [
        { field: 'Content-Type', message: 'must be text/csv' },
      ]);
    }
    return this.csv.import(actor, branchId, req);
  }
}
