import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each signature's constituency, for the public counts per constituency. */
export class SignatureConstituency1764489600000 implements MigrationInterface {
  name = 'SignatureConstituency1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "signature" ADD "constituency_code" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "signature" DROP COLUMN "constituency_code"`);
  }
}
