-- The gateway processes of a deployment, each announcing itself every few seconds: how many are
-- alive decides each one's share of a fail-open rate plan while Redis cannot be reached.
create table replica (
    name         text primary key,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);
