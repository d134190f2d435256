-- Workload per agent at a million tickets: a benchmark, not a test.
-- psql -d <a throw-away database with the addons installed> -f bench/helpdesk/bench_workload.sql
-- Inserts 1,000,000 tickets (six agents, three CS stages, four stages, one in five
-- unanswered, answered by the next agent), runs the pivot agent x CS stage three
-- times the way the report view answers it, and rolls everything back.
BEGIN;
ALTER TABLE helpdesk_ticket DISABLE TRIGGER USER;
INSERT INTO helpdesk_ticket (company_id, name, description, user_id, team_id, cs_stage,
                             stage_id, active, closed_date, first_response_hours,
                             first_response_user_id)
SELECT 1, 'bench', 'x', u.id, (SELECT min(id) FROM helpdesk_ticket_team),
       (ARRAY['pre_sales', 'in_sales', 'after_sales'])[1 + g % 3],
       (SELECT id FROM helpdesk_ticket_stage ORDER BY id OFFSET (g % 4) LIMIT 1),
       true, now() - (g % 60) * interval '1 day',
       CASE WHEN g % 5 = 0 THEN 0 ELSE (g % 48) + 0.5 END,
       CASE WHEN g % 5 = 0 THEN NULL
            ELSE (SELECT id FROM res_users ORDER BY id OFFSET ((g + 1) % 6) LIMIT 1) END
  FROM generate_series(1, 1000000) g
  JOIN LATERAL (SELECT id FROM res_users ORDER BY id OFFSET (g % 6) LIMIT 1) u ON true;
ANALYZE helpdesk_ticket;
\timing on
SELECT user_id, cs_stage, sum(open_count), sum(answered_count), sum(first_response_total)
  FROM crossborder_workload_report GROUP BY user_id, cs_stage;
SELECT user_id, cs_stage, sum(open_count), sum(answered_count), sum(first_response_total)
  FROM crossborder_workload_report GROUP BY user_id, cs_stage;
SELECT user_id, cs_stage, sum(open_count), sum(answered_count), sum(first_response_total)
  FROM crossborder_workload_report GROUP BY user_id, cs_stage;
\timing off
ROLLBACK;
