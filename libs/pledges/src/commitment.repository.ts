import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Commitment } from './commitment.entity';

/** Every statement about the `commitment` table (the catalogue). */
@Injectable()
export class CommitmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The catalogue in its order; retired commitments too if asked. */
  list(includeRetired: boolean): Promise<Commitment[]> {
    return this.dataSource.getRepository(Commitment).find({
      where: includeRetired ? {} : { retiredAt: IsNull() },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
  }

  findByCode(code: string): Promise<Commitment | null> {
    return this.dataSource.getRepository(Commitment).findOneBy({ code });
  }

  save(commitment: Partial<Commitment>): Promise<Commitment> {
    return this.dataSource.getRepository(Commitment).save(commitment);
  }

  /** Those of the codes that are in the catalogue and not retired. */
  live(codes: string[]): Promise<Commitment[]> {
    return this.dataSource.getRepository(Commitment).findBy({ code: In(codes), retiredAt: IsNull() });
  }
}
