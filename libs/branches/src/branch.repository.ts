import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Branch } from './branch.entity';

/**
 * Every statement about the `branch` table. Other libraries ask here (or BranchesService), never by
 * querying `Branch` themselves.
 */
@Injectable()
export class BranchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Every branch, by name. */
  list(): Promise<Branch[]> {
    return this.dataSource.getRepository(Branch).find({ order: { name: 'ASC' } });
  }

  findById(id: string, manager?: EntityManager): Promise<Branch | null> {
    return this.manager(manager).findOneBy(Branch, { id });
  }

  findBySlug(slug: string, manager?: EntityManager): Promise<Branch | null> {
    return this.manager(manager).findOneBy(Branch, { slug });
  }

  findByIds(ids: readonly string[]): Promise<Branch[]> {
    return this.dataSource.getRepository(Branch).findBy({ id: In([...ids]) });
  }

  exists(id: string, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).existsBy(Branch, { id });
  }

  /** The branches whose postcode areas name the district or the area, by name. */
  namingDistrictOrArea(district: string, area: string): Promise<Branch[]> {
    return this.dataSource
      .getRepository(Branch)
      .createQueryBuilder('b')
      .where(':district = ANY(b.postcode_areas) OR :area = ANY(b.postcode_areas)', { district, area })
      .orderBy('b.name')
      .getMany();
  }

  /** A taken slug fails on the unique index. */
  create(values: Partial<Branch>, manager?: EntityManager): Promise<Branch> {
    const repository = this.manager(manager).getRepository(Branch);
    return repository.save(repository.create(values));
  }

  save(branch: Branch, manager?: EntityManager): Promise<Branch> {
    return this.manager(manager).save(branch);
  }

  /**
   * Adds the branches only when there are none at all; how many it added. Concurrent seeders (two
   * `npm start`s at once) are serialised on a transaction-scoped lock.
   */
  addIfNone(branches: Array<Partial<Branch>>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seed-demo-branches'))`);
      if ((await manager.count(Branch)) > 0) {
        return 0;
      }
      await manager.save(
        Branch,
        branches.map((b) => manager.create(Branch, b)),
      );
      return branches.length;
    });
  }
}
