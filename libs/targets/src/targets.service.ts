import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService, BadUserInputError, NotFoundError, normalisePostcode } from '@app/core';
import { Constituency, Region } from './geography.entity';
import { PostcodeLookup } from './postcode-lookup';
import { DeliveryStatus, Target } from './target.entity';
import { MSP_KINDS, MSP_SEATS } from './target-writes';

export interface Representatives {
  constituency: Constituency & { region: Region };
  targets: Target[];
}

/** "Your MSPs": a postcode's constituency MSP and the seven list MSPs of its region. */
@Injectable()
export class TargetsService {
  private readonly logger = new Logger(TargetsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: PostcodeLookup,
    private readonly audit: AuditService,
  ) {}

  /** For admins: every target sharing the address gets the status; audited. */
  async setDeliveryStatus(actor: Actor, id: string, status: DeliveryStatus): Promise<Target> {
    const repo = this.dataSource.getRepository(Target);
    const target = await repo.findOneBy({ id });
    if (!target) {
      throw new NotFoundError('Target');
    }
    await repo.update({ email: target.email }, { deliveryStatus: status });
    await this.audit.record({
      actorId: actor.memberId,
      action: 'target.delivery-status',
      subjectId: id,
      detail: { status },
    });
    return repo.findOneByOrFail({ id });
  }

  async representatives(rawPostcode: string): Promise<Representatives> {
    const postcode = normalisePostcode(rawPostcode);
    if (!postcode) {
      throw new BadUserInputError('That is not a UK postcode.', [
        { field: 'postcode', message: 'is not a UK postcode' },
      ]);
    }
    const code = await this.lookup.constituencyCode(postcode);
    const constituency = code
      ? ((await this.dataSource.getRepository(Constituency).findOne({
          where: { code, set: { active: true } },
          relations: { region: true, set: true },
        })) as (Constituency & { region: Region }) | null)
      : null;
    if (!constituency) {
      throw new BadUserInputError('We cannot place that postcode in a Scottish Parliament constituency.', [
        { field: 'postcode', message: 'is not a Scottish postcode we know' },
      ]);
    }
    const held = await this.dataSource
      .getRepository(Target)
      .createQueryBuilder('t')
      .where('t.active')
      .andWhere(
        `((t.kind = 'MSP_CONSTITUENCY' AND t.constituency_code = :constituency) OR (t.kind = 'MSP_REGIONAL' AND t.region_code = :region))`,
        { constituency: constituency.code, region: constituency.region.code },
      )
      .orderBy(`t.kind = 'MSP_CONSTITUENCY'`, 'DESC')
      .addOrderBy('t.name')
      .getMany();
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
    return { constituency, targets };
  }
}
