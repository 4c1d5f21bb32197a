-- Lineage records who delivered an attempt, and the revenue, billing and cost a posting produced.
alter table lineage_event
    add column delivered_by varchar(64),
    add column effects      jsonb;
