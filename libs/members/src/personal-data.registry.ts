import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type PersonalDataSection = (manager: EntityManager, memberId: string) => Promise<unknown>;

/**
 * Other libraries hold data about members too (RSVPs, certificates, signatures, letters). Each
 * registers a section here, so a person's data download stays complete without members importing
 * them (which would be a cycle).
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly sections = new Map<string, PersonalDataSection>();

  register(name: string, section: PersonalDataSection): void {
    this.sections.set(name, section);
  }

  async collect(manager: EntityManager, memberId: string): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const [name, section] of this.sections) {
      result[name] = await section(manager, memberId);
    }
    return result;
  }
}
