import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type PersonalDataSection = (manager: EntityManager, memberId: string) => Promise<unknown>;
/** Removes what a library holds about a person; runs inside the erasure's transaction. */
export type PersonalDataEraser = (
  manager: EntityManager,
  person: { memberId: string; email: string },
) => Promise<void>;

/**
 * Other libraries hold data about members too (RSVPs, certificates, signatures, letters). Each
 * registers a section here for the person's data download, and an eraser for their erasure, so both
 * stay complete without members importing them (which would be a cycle).
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly sections = new Map<string, PersonalDataSection>();
  private readonly erasers = new Map<string, PersonalDataEraser>();

  register(name: string, section: PersonalDataSection): void {
    this.sections.set(name, section);
  }

  registerEraser(name: string, eraser: PersonalDataEraser): void {
    this.erasers.set(name, eraser);
  }

  async erase(manager: EntityManager, person: { memberId: string; email: string }): Promise<void> {
    for (const eraser of this.erasers.values()) {
      await eraser(manager, person);
    }
  }

  async collect(manager: EntityManager, memberId: string): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const [name, section] of this.sections) {
      result[name] = await section(manager, memberId);
    }
    return result;
  }
}
