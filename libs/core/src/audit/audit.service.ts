import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { ForbiddenError } from '../errors/domain.errors';
import { ConnectionArgs, ConnectionShape, paginate } from '../graphql/connection';
import { AuditEventModel, toAuditEventModel } from './audit-event.model';
import { AuditEntry, AuditFilter, AuditRepository } from './audit.repository';

export type { AuditEntry } from './audit.repository';

/** Writes and reads the audit log; pass the caller's EntityManager to record in the same transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    return this.events.insert(entry, manager);
  }

  /** For admins: a page of the log, newest first. */
  list(
    actor: Actor | undefined,
    filter: AuditFilter,
    args: ConnectionArgs,
  ): Promise<ConnectionShape<AuditEventModel>> {
    if (!actor?.isAdmin) {
      throw new ForbiddenError();
    }
    return paginate(this.events.listQuery(filter), args, toAuditEventModel);
  }
}
