import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService, BadUserInputError, NotFoundError, normalisePostcode } from '@app/core';
import { Constituency, Region } from './geography.entity';
import { PostcodeLookup } from './postcode-lookup';
import { DeliveryStatus, Target } from './target.entity';

export interface Representatives {
  constituency: Constituency & { region: Region };
  targets: Target[];
}

/** "Your MSPs": a postcode's constituency MSP and the seven list MSPs of its region. */
@Injectable()
export class TargetsService {
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
    const targets = await this.dataSource
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
    return { constituency, targets };
  }
}
