import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/core';
import { Commitment } from './commitment.entity';
import { CommitmentRepository } from './commitment.repository';
import { CommitmentInput } from './dto/pledge.input';
import { UnknownCommitmentsError } from './pledges.errors';

/** The catalogue of commitments a venue can pledge: kept by admins, read by everyone. */
@Injectable()
export class CommitmentsService {
  constructor(private readonly commitments: CommitmentRepository) {}

  list(includeRetired: boolean): Promise<Commitment[]> {
    return this.commitments.list(includeRetired);
  }

  /** Admins: adds a commitment, or changes its wording (a retired one stays retired). */
  async save(input: CommitmentInput): Promise<Commitment> {
    const existing = await this.commitments.findByCode(input.code);
    return this.commitments.save({ ...existing, ...input, retiredAt: existing?.retiredAt ?? null });
  }

  async retire(code: string): Promise<Commitment> {
    const commitment = await this.commitments.findByCode(code);
    if (!commitment) {
      throw new NotFoundError('Commitment');
    }
    commitment.retiredAt = commitment.retiredAt ?? new Date();
    return this.commitments.save(commitment);
  }

  /** The codes, once each and sorted; BAD_USER_INPUT naming any not in the catalogue or retired. */
  async check(codes: string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    const known = new Set((await this.commitments.live(unique)).map((c) => c.code));
    const unknown = unique.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new UnknownCommitmentsError(unknown);
    }
    return unique.sort();
  }
}
