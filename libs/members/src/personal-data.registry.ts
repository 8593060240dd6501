import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type PersonalDataSection = (manager: EntityManager, memberId: string) => Promise<unknown>;
/** Removes what a library holds about a person; runs inside the erasure's transaction. */
export type PersonalDataEraser = (
  manager: EntityManager,
  person: { memberId: string; email: string },
) => Promise<void>;
/**
 * Moves what a library holds on one member record to another (a branch's provisional record
 * joining the person's own, once they confirm); runs inside that transaction.
 */
export type PersonalDataMerger = (
  manager: EntityManager,
  records: { from: string; into: string },
) => Promise<void>;

export interface SectionOptions {
  /**
   * The section is kept per member record (by member id), so a person's download gathers it from
   * their own record and from every branch's provisional record of their address. Sections found by
   * the person's address (signatures, letters) leave it false: they already find everything.
   */
  perRecord?: boolean;
}

/**
 * Other libraries hold data about members too (RSVPs, certificates, signatures, letters). Each
 * registers a section here for the person's data download, and an eraser for their erasure, so both
 * stay complete without members importing them (which would be a cycle).
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly sections = new Map<string, { section: PersonalDataSection; perRecord: boolean }>();
  private readonly erasers = new Map<string, PersonalDataEraser>();
  private readonly mergers = new Map<string, PersonalDataMerger>();

  register(name: string, section: PersonalDataSection, options: SectionOptions = {}): void {
    this.sections.set(name, { section, perRecord: options.perRecord ?? false });
  }

  registerEraser(name: string, eraser: PersonalDataEraser): void {
    this.erasers.set(name, eraser);
  }

  registerMerger(name: string, merger: PersonalDataMerger): void {
    this.mergers.set(name, merger);
  }

  async erase(manager: EntityManager, person: { memberId: string; email: string }): Promise<void> {
    for (const eraser of this.erasers.values()) {
      await eraser(manager, person);
    }
  }

  async merge(manager: EntityManager, records: { from: string; into: string }): Promise<void> {
    for (const merger of this.mergers.values()) {
      await merger(manager, records);
    }
  }

  /**
   * Every section for the person's own record; per-record sections also gather what the branches'
   * provisional records of the same address hold (`otherRecords`).
   */
  async collect(
    manager: EntityManager,
    memberId: string,
    otherRecords: string[] = [],
  ): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const [name, { section, perRecord }] of this.sections) {
      let value = await section(manager, memberId);
      if (perRecord && Array.isArray(value)) {
        for (const id of otherRecords) {
          value = [...(value as unknown[]), ...((await section(manager, id)) as unknown[])];
        }
      }
      result[name] = value;
    }
    return result;
  }
}
