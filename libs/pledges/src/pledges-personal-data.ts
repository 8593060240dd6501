import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@app/members';
import { Venue } from './venue.entity';

/** The venues a person registered, in their data download. */
@Injectable()
export class PledgesPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register('venues', async (manager, memberId) =>
      (await manager.find(Venue, { where: { ownerId: memberId }, order: { createdAt: 'ASC' } })).map((v) => ({
        name: v.name,
        kind: v.kind,
        address: v.address,
        postcode: v.postcode,
        role: v.ownerRole,
        registeredAt: v.createdAt,
      })),
    );
  }
}
