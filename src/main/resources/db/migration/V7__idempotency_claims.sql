-- An Idempotency-Key is claimed before its request is validated, so a concurrent repeat can be
-- told the first is still being accepted (409); the answer is stored when the write is accepted.
alter table idempotency_record
    alter column operation_id drop not null,
    alter column response_status drop not null,
    alter column response_body drop not null,
    add column state varchar(16) not null default 'ANSWERED',
    add column claimed_at timestamptz,
    add column expires_at timestamptz;

update idempotency_record set expires_at = created_at + interval '24 hours' where expires_at is null;
alter table idempotency_record alter column expires_at set not null;

create index idempotency_by_expiry on idempotency_record (expires_at);
