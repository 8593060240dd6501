import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CheckInKey } from './check-in-key.entity';

/** Every statement about `check_in_key`: the idempotency keys of check-ins from the door. */
@Injectable()
export class CheckInKeyRepository {
  /** The check-in already made with this key, or null. */
  find(manager: EntityManager, idempotencyKey: string): Promise<CheckInKey | null> {
    return manager.findOneBy(CheckInKey, { idempotencyKey });
  }

  /** Records the key; the primary key refuses a second row for it (the caller holds the event's lock). */
  async record(
    manager: EntityManager,
    idempotencyKey: string,
    eventId: string,
    rsvpId: string,
  ): Promise<void> {
    await manager.insert(CheckInKey, { idempotencyKey, eventId, rsvpId });
  }
}
