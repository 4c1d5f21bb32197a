-- The audit log: every accepted write and every admin action, append-only. Each record holds the
-- hash of the one before it, so a record changed, removed or slipped in breaks the chain
-- (GET /admin/v1/audit/verify finds where).
create table audit_record (
    id              bigint       primary key,
    at              timestamptz  not null,
    client_id       varchar(64)  not null,
    subject         varchar(255),
    operation       varchar(64)  not null,
    resource        varchar(300),
    status          integer      not null,
    correlation_id  varchar(64)  not null,
    body_sha256     varchar(64),
    previous_hash   varchar(64)  not null,
    hash            varchar(64)  not null
);

create sequence audit_record_id;

create index audit_by_client on audit_record (client_id, id);
create index audit_by_operation on audit_record (operation, id);
create index audit_by_correlation on audit_record (correlation_id);
create index audit_by_time on audit_record (at);

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_record is append-only';
end
$$;

create trigger audit_append_only before update or delete on audit_record
    for each row execute function refuse_audit_change();
create trigger audit_no_truncate before truncate on audit_record
    for each statement execute function refuse_audit_change();
