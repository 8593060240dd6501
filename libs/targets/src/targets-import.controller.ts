import { Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { json } from 'express';
import type { Request, Response } from 'express';
import { Actor, BadUserInputError, CurrentActor, RequireRole } from '@app/core';
import { scottishParliamentUpload } from './scottish-parliament-data';
import { ScottishParliamentImportService } from './scottish-parliament-import.service';
import { ImportReport } from './target-writes';
import { TargetsImportService } from './targets-import.service';

/** Where the Scottish Parliament's files are uploaded; the api's own JSON parser leaves this path alone. */
export const MSP_UPLOAD_PATH = '/admin/imports/msps';
/** The eight files together are a few MB; every other JSON body keeps the default limit (100 kB). */
const MSP_UPLOAD_LIMIT = '32mb';
const mspUploadParser = json({ limit: MSP_UPLOAD_LIMIT });

/**
 * Reads the MSP upload's JSON body with express's own parser and a larger limit, only once the
 * caller is known to be an admin (so nobody else can make the api read 32 MB).
 */
function readLargeJson(req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve, reject) => {
    mspUploadParser(req, res, (error?: unknown) => {
      if (!error) {
        resolve(req.body);
        return;
      }
      const { type, message } = error as { type?: string; message?: string };
      const reason =
        type === 'entity.too.large'
          ? `The upload is larger than ${MSP_UPLOAD_LIMIT}.`
          : type === 'entity.parse.failed'
            ? `The body is not JSON: ${message ?? 'it could not be read'}`
            : 'The body could not be read.';
      reject(new BadUserInputError(reason, [{ field: 'body', message: reason }]));
    });
  });
}

function csv(req: Request): Request {
  if (!req.is('text/csv')) {
    throw new BadUserInputError('Send the CSV file itself as the body, with Content-Type: text/csv.', [
      { field: 'Content-Type', message: 'must be text/csv' },
    ]);
  }
  return req;
}

function setName(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new BadUserInputError('Name the geography set in the address: ?set=NAME (e.g. sp2026).', [
      { field: 'set', message: 'is required' },
    ]);
  }
  return value.trim();
}

function yesOrNo(value: unknown, field: string): boolean {
  if (value === undefined || value === '') {
    return false;
  }
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (['true', '1', 'yes'].includes(v)) {
    return true;
  }
  if (['false', '0', 'no'].includes(v)) {
    return false;
  }
  throw new BadUserInputError(`${field} must be true or false.`, [
    { field, message: 'must be true or false' },
  ]);
}

/**
 * The imports of the CLI over plain HTTP, for admins, with the bearer token. Each answers 200 with
 * the report (created, updated, rejected with line numbers, warnings) and is audited:
 * `POST /admin/imports/geography?set=NAME&activate=true`, `POST /admin/imports/postcodes[?set=NAME]`
 * and `POST /admin/imports/targets` take the CSV itself (`Content-Type: text/csv`, streamed);
 * `POST /admin/imports/msps` takes the Scottish Parliament's files as one JSON object.
 */
@Controller('admin/imports')
export class TargetsImportController {
  constructor(
    private readonly imports: TargetsImportService,
    private readonly msps: ScottishParliamentImportService,
  ) {}

  @RequireRole('ADMIN')
  @Post('geography')
  @HttpCode(200)
  async geography(
    @CurrentActor() actor: Actor,
    @Query('set') set: string,
    @Query('activate') activate: string,
    @Req() req: Request,
  ): Promise<ImportReport> {
    return this.imports.importGeography(csv(req), setName(set), yesOrNo(activate, 'activate'), actor);
  }

  @RequireRole('ADMIN')
  @Post('postcodes')
  @HttpCode(200)
  async postcodes(
    @CurrentActor() actor: Actor,
    @Query('set') set: string,
    @Req() req: Request,
  ): Promise<ImportReport> {
    return this.imports.importPostcodes(csv(req), set === undefined ? undefined : setName(set), actor);
  }

  @RequireRole('ADMIN')
  @Post('targets')
  @HttpCode(200)
  async targets(@CurrentActor() actor: Actor, @Req() req: Request): Promise<ImportReport> {
    return this.imports.importTargets(csv(req), actor);
  }

  /**
   * Body: `{ "Members": [...], "MemberElectionConstituencyStatuses": [...], ..., "fixups": {...} }`,
   * the eight arrays as the Parliament publishes them (names in any case) and an optional fix-up
   * table added to the built-in one.
   */
  @RequireRole('ADMIN')
  @Post('msps')
  @HttpCode(200)
  async scottishParliament(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportReport> {
    if (!req.is('application/json')) {
      throw new BadUserInputError(
        'Send the Scottish Parliament files as one JSON object, with Content-Type: application/json.',
        [{ field: 'Content-Type', message: 'must be application/json' }],
      );
    }
    const { data, fixups } = scottishParliamentUpload(await readLargeJson(req, res));
    return this.msps.importMsps(data, fixups, actor);
  }
}
