import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  actorId?: string | null;
  branchId?: string | null;
  subjectId?: string | null;
  rowCount?: number | null;
  detail?: Record<string, unknown>;
}

/** Writes the audit log; pass the caller's EntityManager to record in the same transaction. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
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
}
