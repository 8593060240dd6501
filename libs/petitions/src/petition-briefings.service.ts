import { Injectable } from '@nestjs/common';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Actor, AppConfig, AuditService, BadUserInputError, csvSafe, csvWriter, writeTo } from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { GeographyRepository, Target, TargetRepository } from '@app/targets';
import type { Petition } from './petition.entity';
import { BriefingRow, briefingRows } from './petition-briefing';
import { PetitionBriefingRepository } from './petition-briefing.repository';
import { petitionBriefingTemplate } from './petition.templates';
import { PetitionNotPublishedError } from './petitions.errors';
import { PetitionsService } from './petitions.service';

/** A petition's briefing: the total and each MSP's figure, with where they sit and when last sent. */
export interface PetitionBriefingView {
  petition: Petition;
  total: number;
  rows: Array<
    BriefingRow & {
      /** The constituency (constituency MSPs) or region (regional MSPs) the figure is for. */
      area: string;
      lastSentAt: Date | null;
    }
  >;
}

/** The most a briefing's covering message may say. */
export const BRIEFING_MESSAGE_MAX = 5000;

/**
 * Per-MSP petition briefings: for each MSP, the confirmed signers in their constituency or region
 * (organisers of the petition's branch; admins), as data, CSV (audited) and one email per MSP,
 * sent once per petition and MSP unless re-sent on purpose.
 */
@Injectable()
export class PetitionBriefingsService {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly briefings: PetitionBriefingRepository,
    private readonly targets: TargetRepository,
    private readonly geography: GeographyRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async briefing(actor: Actor, petitionId: string): Promise<PetitionBriefingView> {
    const petition = await this.petitions.getManaged(actor, petitionId);
    const [msps, counts, regionOf, codes, sent] = await Promise.all([
      this.targets.activeMsps(),
      this.briefings.confirmedByConstituency(petition.id),
      this.geography.activeRegionsOfConstituencies(),
      this.geography.activeCodes(),
      this.briefings.sent(petition.id),
    ]);
    const { total, rows } = briefingRows(msps, counts, regionOf);
    const areaOf = (t: Target): string =>
      (t.kind === 'MSP_CONSTITUENCY'
        ? codes?.constituencies.get(t.constituencyCode ?? '')
        : codes?.regions.get(t.regionCode ?? '')) ?? '';
    return {
      petition,
      total,
      rows: rows.map((row) => ({
        ...row,
        area: areaOf(row.target),
        lastSentAt: sent.get(row.target.id)?.lastSentAt ?? null,
      })),
    };
  }

  /** The briefing as CSV (one line per MSP); audited like the other downloads. */
  async exportCsv(actor: Actor, petitionId: string, out: Writable): Promise<number> {
    const view = await this.briefing(actor, petitionId);
    const columns = ['msp', 'kind', 'constituency_or_region', 'signers', 'petition_total'];
    const records = view.rows.map((row) => ({
      msp: csvSafe(row.target.name),
      kind: row.target.kind,
      constituency_or_region: csvSafe(row.area),
      signers: row.signers,
      petition_total: view.total,
    }));
    try {
      await pipeline(Readable.from(records), csvWriter(columns), writeTo(out));
    } finally {
      await this.audit.record({
        action: 'petition.briefing-export',
        actorId: actor.memberId,
        branchId: view.petition.branchId,
        subjectId: petitionId,
        rowCount: records.length,
      });
    }
    return records.length;
  }

  /**
   * One email to each MSP with their own figures, from the campaign's sending address through the
   * ordinary outbox (paced per address, tracked). Once per petition and MSP: a second call (or ten
   * at once) sends nothing more, unless `resend`. Audited with the counts.
   */
  async send(
    actor: Actor,
    petitionId: string,
    message: string,
    resend: boolean,
  ): Promise<{ sent: number; alreadySent: number }> {
    const text = message.trim();
    if (!text || text.length > BRIEFING_MESSAGE_MAX) {
      throw new BadUserInputError('Write a short message to go with the figures.', [
        { field: 'message', message: `must be 1 to ${BRIEFING_MESSAGE_MAX} characters` },
      ]);
    }
    const view = await this.briefing(actor, petitionId);
    const { petition } = view;
    // The email links to the petition's page: a draft has none (it would be a 404 in 129 inboxes).
    if (!['OPEN', 'CLOSED', 'DELIVERED'].includes(petition.status)) {
      throw new PetitionNotPublishedError();
    }
    // An MSP none of whose constituents signed is not emailed "0 people signed".
    const sendable = view.rows.filter((row) => row.target.deliveryStatus === 'OK' && row.signers > 0);
    return this.outbox.transaction(async (manager, mail) => {
      const claimed = new Set(
        await this.briefings.claim(
          manager,
          petition.id,
          sendable.map((row) => ({ targetId: row.target.id, signers: row.signers })),
          actor.memberId,
          resend,
        ),
      );
      for (const row of sendable.filter((r) => claimed.has(r.target.id))) {
        const outboxId = await this.mailOne(mail, view, row, text);
        await this.briefings.setMessage(manager, petition.id, row.target.id, outboxId);
      }
      await this.audit.record(
        {
          action: 'petition.briefing-sent',
          actorId: actor.memberId,
          branchId: petition.branchId,
          subjectId: petition.id,
          rowCount: claimed.size,
          detail: { resend, alreadySent: sendable.length - claimed.size },
        },
        manager,
      );
      return { sent: claimed.size, alreadySent: sendable.length - claimed.size };
    });
  }

  /** One MSP's briefing email, in the outbox transaction's mailbag; its outbox id. */
  private mailOne(
    mail: Mailbag,
    view: PetitionBriefingView,
    row: PetitionBriefingView['rows'][number],
    message: string,
  ): Promise<string> {
    const { petition } = view;
    return mail.add(
      petitionBriefingTemplate,
      row.target.email,
      {
        mspName: row.target.name,
        title: petition.title,
        summary: petition.summary,
        signers: row.signers,
        area: row.area || 'your area',
        total: view.total,
        message,
        link: `${this.config.publicUrl}/petitions/${petition.slug}`,
        branchName: this.config.pages.campaignName,
      },
      {},
      [],
      {
        sender: { name: this.config.pages.campaignName, address: this.config.letters.from },
        // Paced with the letters to the same address: an MSP's inbox is never flooded.
        pace: {
          key: `address:${row.target.email.toLowerCase()}`,
          ms: this.config.letters.perTargetIntervalMs,
        },
      },
    );
  }
}
