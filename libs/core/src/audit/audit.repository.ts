import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  actorId?: string | null;
  branchId?: string | null;
  subjectId?: string | null;
  rowCount?: number | null;
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string | null;
  branchId?: string | null;
}

/** Every statement about the `audit_event` table. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.save(
      manager.create(AuditEvent, {
        action: entry.action,
        actorId: entry.actorId ?? null,
        branchId: entry.branchId ?? null,
        subjectId: entry.subjectId ?? null,
        rowCount: entry.rowCount ?? null,
        detail: entry.detail ?? {},
      }),
    );
  }

  /** The events matching `filter`, for keyset pages (paginate orders them, newest first). */
  listQuery(filter: AuditFilter): SelectQueryBuilder<AuditEvent> {
    const query = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (filter.action) {
      query.andWhere('a.action = :action', { action: filter.action });
    }
    if (filter.branchId) {
      query.andWhere('a.branch_id = :branchId', { branchId: filter.branchId });
    }
    return query;
  }
}
