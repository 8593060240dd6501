import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One active constituency MSP per constituency, held by the database. An install where an import
 * had given a seat a second holder (or a region an eighth list MSP) keeps the most recently
 * imported and makes the others inactive first; the audit log lists them.
 */
export class OneMspPerSeat1765000000500 implements MigrationInterface {
  name = 'OneMspPerSeat1765000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH ranked AS (
        SELECT id, kind, row_number() OVER (
                 PARTITION BY kind, CASE kind WHEN 'MSP_CONSTITUENCY' THEN constituency_code ELSE region_code END
                 ORDER BY updated_at DESC, created_at DESC, id) AS n
        FROM target
        WHERE active AND kind IN ('MSP_CONSTITUENCY', 'MSP_REGIONAL')
          AND CASE kind WHEN 'MSP_CONSTITUENCY' THEN constituency_code ELSE region_code END IS NOT NULL
      ), stood_down AS (
        UPDATE target t SET active = false, updated_at = now()
        FROM ranked r
        WHERE t.id = r.id AND r.n > CASE r.kind WHEN 'MSP_CONSTITUENCY' THEN 1 ELSE 7 END
        RETURNING t.id
      )
      INSERT INTO audit_event (action, row_count, detail)
      SELECT 'targets.msp-seats-repaired', count(*), jsonb_build_object('madeInactive', jsonb_agg(id))
      FROM stood_down HAVING count(*) > 0`);
    await q.query(
      `CREATE UNIQUE INDEX "target_one_constituency_msp" ON "target" ("constituency_code") WHERE "active" AND "kind" = 'MSP_CONSTITUENCY'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "target_one_constituency_msp"`);
  }
}
