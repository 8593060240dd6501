import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A signing's checks and insert as one round trip (issue 15): the repeat guard's claim, the lock
 * on signings from one client address to one petition, the per-address limits with whether the
 * petition takes signatures now, and the insert. In PL/pgSQL so that each statement takes its own
 * snapshot after the one before (READ COMMITTED, a VOLATILE function): the limits are counted
 * after the lock is held, so simultaneous signings from one address cannot all slip under them,
 * exactly as the separate statements did. The caller's transaction continues (its outbox row).
 *
 * The claim is the statement RecentRequestRepository.claim runs (the repeat guard's table); the
 * limits query is the one SignatureRepository.recentFrom ran. SignatureRepository.sign calls it.
 */
export class SignPetitionFunction1765000001525 implements MigrationInterface {
  name = 'SignPetitionFunction1765000001525';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION sign_petition(
        p_request_key text, p_window_secs double precision,
        p_petition uuid, p_ip_hashes text[], p_burst_limit int, p_hourly_limit int,
        p_full_name text, p_email text, p_email_canonical text, p_postcode text,
        p_postcode_district text, p_show_name boolean, p_email_opt_in boolean, p_token_hash text)
      RETURNS TABLE (first boolean, petition_status text, open boolean, suspect boolean, added boolean)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_minute int;
        v_hour int;
        v_status text;
        v_open boolean;
        v_suspect boolean;
      BEGIN
        IF p_window_secs > 0 THEN
          INSERT INTO recent_request (key, seen_at) VALUES (p_request_key, now())
            ON CONFLICT (key) DO UPDATE SET seen_at = now()
              WHERE recent_request.seen_at <= now() - make_interval(secs => p_window_secs);
          IF NOT FOUND THEN
            RETURN QUERY SELECT false, NULL::text, NULL::boolean, NULL::boolean, NULL::boolean;
            RETURN;
          END IF;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext(p_petition::text || ':' || p_ip_hashes[1]));
        SELECT count(*) FILTER (WHERE s.created_at > now() - interval '1 minute')::int, count(*)::int
          INTO v_minute, v_hour
          FROM signature s
          WHERE s.petition_id = p_petition AND s.ip_hash = ANY(p_ip_hashes)
            AND s.created_at > now() - interval '1 hour';
        SELECT p.status, p.status = 'OPEN' AND (p.closes_at IS NULL OR p.closes_at > now())
          INTO v_status, v_open
          FROM petition p WHERE p.id = p_petition;
        IF v_open IS NOT TRUE THEN
          RETURN QUERY SELECT true, v_status, false, NULL::boolean, NULL::boolean;
          RETURN;
        END IF;
        v_suspect := v_minute >= p_burst_limit OR v_hour >= p_hourly_limit;
        INSERT INTO signature (petition_id, full_name, email, email_canonical, postcode, postcode_district,
            show_name, email_opt_in, status, ip_hash, confirm_token_hash)
          VALUES (p_petition, p_full_name, p_email, p_email_canonical, p_postcode, p_postcode_district,
            p_show_name, p_email_opt_in, CASE WHEN v_suspect THEN 'SUSPECT' ELSE 'PENDING' END,
            p_ip_hashes[1], CASE WHEN v_suspect THEN NULL ELSE p_token_hash END)
          ON CONFLICT DO NOTHING;
        RETURN QUERY SELECT true, v_status, true, v_suspect, FOUND;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sign_petition(text, double precision, uuid, text[], int, int, text, text, text,
      text, text, boolean, boolean, text)`);
  }
}
