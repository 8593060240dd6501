import { Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  AuditService,
  ConnectionArgs,
  ConnectionShape,
  NotFoundError,
  normalisePostcode,
  paginate,
  RepeatGuard,
} from '@app/core';
import { Constituency, Region } from './geography.entity';
import { PostcodeLookup } from './postcode-lookup';
import { DeliveryStatus, MSP_KINDS, MSP_SEATS, Target, TargetKind } from './target.entity';
import { TargetRepository } from './target.repository';
import { NotAPostcodeError, PostcodeNotRecognisedError, TargetsAdminsOnlyError } from './targets.errors';

export interface Representatives {
  constituency: Constituency & { region: Region };
  targets: Target[];
}

/** "Your MSPs": a postcode's constituency MSP and the seven list MSPs of its region. */
@Injectable()
export class TargetsService {
  private readonly logger = new Logger(TargetsService.name);

  constructor(
    private readonly targets: TargetRepository,
    private readonly lookup: PostcodeLookup,
    private readonly audit: AuditService,
    private readonly repeats: RepeatGuard,
  ) {}

  /** For admins: the active targets, newest first, of one kind if given. */
  list<T>(
    actor: Actor,
    args: ConnectionArgs & { kind?: TargetKind | null },
    toNode: (target: Target) => T,
  ): Promise<ConnectionShape<T>> {
    if (!actor?.isAdmin) {
      throw new TargetsAdminsOnlyError();
    }
    return paginate(this.targets.listQuery(args.kind), args, toNode);
  }

  /** For admins: every target sharing the address gets the status; audited. */
  async setDeliveryStatus(actor: Actor, id: string, status: DeliveryStatus): Promise<Target> {
    const target = await this.targets.findById(id);
    if (!target) {
      throw new NotFoundError('Target');
    }
    await this.targets.setDeliveryStatusOfAddress(target.email, status);
    await this.audit.record({
      actorId: actor.memberId,
      action: 'target.delivery-status',
      subjectId: id,
      detail: { status },
    });
    return this.targets.getById(id);
  }

  /** The postcode's constituency and its MSPs: with the imported postcode table, in one statement. */
  private async constituencyWithMsps(postcode: string, claim?: { key: string; windowMs: number }) {
    if (this.lookup.inDatabase) {
      return this.targets.activeConstituencyWithMsps({ postcode }, claim);
    }
    const code = await this.lookup.constituencyCode(postcode);
    if (code) {
      return this.targets.activeConstituencyWithMsps({ code }, claim);
    }
    return { first: claim ? await this.repeats.claim(claim.key) : true, found: null };
  }

  /**
   * The postcode's constituency MSP and its region's list MSPs. With `claim` (a public writing),
   * the repeat guard's claim of its key is made in the same round trip, found or not, and `first`
   * says whether the request is the first of its kind lately; if the caller then fails, it gives
   * the claim back (RepeatGuard.release), as this does when the postcode is not known.
   */
  async representatives(
    rawPostcode: string,
    claim?: { key: string; windowMs: number },
  ): Promise<Representatives & { first: boolean }> {
    const postcode = normalisePostcode(rawPostcode);
    if (!postcode) {
      throw new NotAPostcodeError();
    }
    const { first, found } = await this.constituencyWithMsps(postcode, claim);
    if (!found) {
      if (claim && first) {
        // Claimed, then refused: given back, so the same request is refused again.
        await this.repeats.release(claim.key).catch(() => undefined);
      }
      throw new PostcodeNotRecognisedError();
    }
    const { constituency, msps: held } = found;
    // Never more than the seats (the imports keep it so): should the table ever hold more, the
    // most recently imported answer, so letters never go to more people than represent the postcode.
    const answering = new Set<string>();
    for (const kind of MSP_KINDS) {
      const ofKind = held.filter((t) => t.kind === kind);
      if (ofKind.length > MSP_SEATS[kind as keyof typeof MSP_SEATS]) {
        this.logger.warn(
          `${ofKind.length} active ${kind} targets for constituency ${constituency.code} (region ${constituency.region.code}); answering the most recently imported.`,
        );
      }
      ofKind
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
        .slice(0, MSP_SEATS[kind as keyof typeof MSP_SEATS])
        .forEach((t) => answering.add(t.id));
    }
    const targets = held.filter((t) => answering.has(t.id));
    return { constituency, targets, first };
  }
}
