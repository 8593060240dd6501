import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@app/core';
import { GeographyRepository } from './geography.repository';
import {
  mergeFixups,
  MspImportPlan,
  planMspImport,
  SCOTTISH_PARLIAMENT_FIXUPS,
  ScottishParliamentData,
  ScottishParliamentFixups,
} from './scottish-parliament-data';
import { TargetRepository } from './target.repository';
import { ImportReport, MspSeats } from './target-writes';
import { activeGeographySet, auditedImport, mspShapeWarning } from './targets-import.service';

/**
 * MSPs from the Scottish Parliament's open data: a target per current seat (constituency MSPs by
 * constituency code, list MSPs by region code, in the active geography set), upserted by email +
 * kind like any targets import. MSPs who no longer hold a seat are made inactive. Never logs who
 * was imported: names are only in the report returned to the caller. What to write is planned from
 * the data alone (scottish-parliament-data.ts); this writes it.
 */
@Injectable()
export class ScottishParliamentImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly geography: GeographyRepository,
    private readonly targets: TargetRepository,
    private readonly audit: AuditService,
  ) {}

  async importMsps(
    data: ScottishParliamentData,
    fixups: ScottishParliamentFixups = {},
    actor: Actor | null = null,
  ): Promise<ImportReport> {
    const detail: Record<string, unknown> = { members: data.members.length };
    return auditedImport(this.audit, 'msps.import', actor, detail, async (report) => {
      const set = await activeGeographySet(this.geography);
      const [constituencies, regions] = await Promise.all([
        this.geography.constituenciesOf(set.id),
        this.geography.regionsOf(set.id),
      ]);
      const plan = planMspImport(data, mergeFixups(SCOTTISH_PARLIAMENT_FIXUPS, fixups), {
        setName: set.name,
        constituencies: new Set(constituencies.map((c) => c.code)),
        regions: new Set(regions.map((r) => r.code)),
      });
      report.rejected.push(...plan.rejected);
      report.warnings.push(...plan.warnings);

      const deactivated = await this.dataSource.transaction(async (manager) => {
        // Former MSPs leave first; then each current one takes their seat (MspSeats' rule, with the
        // Parliament's data as the authority on who holds a seat).
        await this.targets.lockMspSeats(manager);
        const former = await this.deactivateFormer(manager, plan, plan.rejected.length === 0);
        const seats = await MspSeats.forActiveSet(this.geography, this.targets, manager, false);
        for (const { line, who, fields } of plan.targets) {
          const refused = seats.add(line, fields, who);
          if (refused) {
            report.rejected.push({ line, reason: refused });
          }
        }
        await seats.write(manager, report, plan.current);
        return former;
      });
      detail.deactivated = deactivated;
      if (deactivated > 0) {
        report.warnings.push(
          `${deactivated} MSP target${deactivated === 1 ? '' : 's'} made inactive: no longer holding that seat.`,
        );
      }
      const warning = await mspShapeWarning(this.targets);
      if (warning) {
        report.warnings.push(warning);
      }
    });
  }

  /**
   * MSP targets that no longer hold a seat of their kind (left, lost their seat, changed address, or
   * moved between constituency and list) become inactive, so "your MSPs" stays eight people. When
   * some seats could not be placed (rejected), only targets at an address the Parliament lists are
   * touched, so an MSP whose seat was rejected is not dropped too. Other kinds are untouched.
   */
  private async deactivateFormer(
    manager: EntityManager,
    plan: MspImportPlan,
    complete: boolean,
  ): Promise<number> {
    const stale = await this.targets.activeMspsNotIn(manager, [...plan.current], plan.knownEmails, complete);
    await this.targets.deactivate(manager, stale);
    return stale.length;
  }
}
