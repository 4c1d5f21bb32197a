-- The gateway's own state: accepted operations, their outbox, idempotency records and lineage.

create table operation (
    id              uuid primary key,
    type            varchar(32)  not null,
    status          varchar(16)  not null,
    client_id       varchar(128) not null,
    correlation_id  varchar(64)  not null,
    traceparent     varchar(55),
    business_key    varchar(200),
    command         jsonb        not null,
    accepted_at     timestamptz  not null,
    updated_at      timestamptz  not null,
    posted_at       timestamptz,
    attempts        integer      not null default 0,
    erp_references  jsonb        not null default '[]'::jsonb,
    problem         jsonb
);

-- pending writes that later validations must see (a project for a contract not yet posted)
create index operation_pending_by_key on operation (type, business_key, accepted_at)
    where status in ('ACCEPTED', 'DELIVERING');
create index operation_by_correlation on operation (correlation_id);

-- one row per part of an operation still to deliver; parts of one aggregate go in id order
create table outbox (
    id              bigserial    primary key,
    operation_id    uuid         not null references operation (id),
    part            varchar(200) not null,
    aggregate_key   varchar(200) not null,
    command         jsonb        not null,
    attempts        integer      not null default 0,
    available_at    timestamptz  not null,
    lease_owner     varchar(64),
    lease_until     timestamptz,
    created_at      timestamptz  not null,
    unique (operation_id, part)
);

create index outbox_by_aggregate on outbox (aggregate_key, id);
create index outbox_by_availability on outbox (available_at);

create table idempotency_record (
    client_id       varchar(128) not null,
    idempotency_key varchar(255) not null,
    fingerprint     varchar(64)  not null,
    operation_id    uuid         not null references operation (id),
    response_status integer      not null,
    response_body   jsonb        not null,
    created_at      timestamptz  not null,
    primary key (client_id, idempotency_key)
);

create table lineage_event (
    id              bigserial    primary key,
    correlation_id  varchar(64)  not null,
    operation_id    uuid         not null references operation (id),
    operation_type  varchar(32)  not null,
    step            varchar(32)  not null,
    at              timestamptz  not null,
    detail          varchar(2000),
    erp_references  jsonb
);

create index lineage_by_correlation on lineage_event (correlation_id, id);
