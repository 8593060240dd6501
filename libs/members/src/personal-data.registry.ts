import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Whose data: a member record (its id and address), or an address with no member record of its own
 * (`memberId` null: someone who signed, wrote or was mailed without ever joining).
 */
export interface PersonRef {
  memberId: string | null;
  email: string;
}

export type PersonalDataSection = (manager: EntityManager, person: PersonRef) => Promise<unknown>;
/** Removes what a library holds about a person; runs inside the erasure's transaction. */
export type PersonalDataEraser = (manager: EntityManager, person: PersonRef) => Promise<void>;
/**
 * Whether a library holds anything under an address that has no member record (so a data-rights
 * request for it gets a link): null if not, else the name last given with it (null if none).
 */
export type PersonalDataHolder = (
  manager: EntityManager,
  email: string,
) => Promise<{ fullName: string | null } | null>;
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
 * registers a section here for the person's data download, an eraser for their erasure, and a holder
 * that finds an address with no member record (a signer or writer who never joined), so all three
 * stay complete without members importing them (which would be a cycle).
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly sections = new Map<string, { section: PersonalDataSection; perRecord: boolean }>();
  private readonly erasers = new Map<string, PersonalDataEraser>();
  private readonly mergers = new Map<string, PersonalDataMerger>();
  private readonly holders = new Map<string, PersonalDataHolder>();

  register(name: string, section: PersonalDataSection, options: SectionOptions = {}): void {
    this.sections.set(name, { section, perRecord: options.perRecord ?? false });
  }

  registerEraser(name: string, eraser: PersonalDataEraser): void {
    this.erasers.set(name, eraser);
  }

  registerMerger(name: string, merger: PersonalDataMerger): void {
    this.mergers.set(name, merger);
  }

  /** Every table that can hold an address without a member record registers how to find it. */
  registerHolder(name: string, holder: PersonalDataHolder): void {
    this.holders.set(name, holder);
  }

  /** What the first library holding something under the address knows of its owner, or null. */
  async findHeld(manager: EntityManager, email: string): Promise<{ fullName: string | null } | null> {
    let found: { fullName: string | null } | null = null;
    for (const holder of this.holders.values()) {
      const held = await holder(manager, email);
      if (held && (!found || (!found.fullName && held.fullName))) {
        found = held;
      }
      if (found?.fullName) {
        break;
      }
    }
    return found;
  }

  async erase(manager: EntityManager, person: PersonRef): Promise<void> {
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
    person: PersonRef,
    otherRecords: string[] = [],
  ): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const [name, { section, perRecord }] of this.sections) {
      let value = await section(manager, person);
      if (perRecord && Array.isArray(value)) {
        for (const id of otherRecords) {
          const more = await section(manager, { memberId: id, email: person.email });
          value = [...(value as unknown[]), ...(more as unknown[])];
        }
      }
      result[name] = value;
    }
    return result;
  }
}
