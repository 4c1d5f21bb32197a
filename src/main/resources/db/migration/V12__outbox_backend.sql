-- Each part goes to the ERP backend of its contract's legal entity (policies/routing.yaml),
-- decided when it is accepted, so a routing change never splits a contract's deliveries.
-- Rows accepted before routing existed have none and go to the default backend.
alter table outbox add column backend text;
create index outbox_by_backend on outbox (backend);
