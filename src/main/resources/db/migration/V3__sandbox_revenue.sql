-- The sandbox ERP's books: revenue, billing and cost postings per contract line, append-only,
-- each with the document, operation and rule that produced it.

create table sandbox.posting (
    id              bigserial     primary key,
    contract_number varchar(64)   not null,
    line_number     integer       not null,
    kind            varchar(16)   not null,
    amount          numeric(19,4) not null,
    currency        varchar(3)    not null,
    rule            varchar(48)   not null,
    document_id     varchar(32)   not null,
    operation_id    uuid          not null,
    effective_date  date          not null,
    posted_at       timestamptz   not null,
    constraint posting_kind check (kind in ('REVENUE', 'BILLING', 'COST'))
);

create index posting_by_line on sandbox.posting (contract_number, line_number, kind);
create index posting_by_operation on sandbox.posting (operation_id);

create function sandbox.refuse_posting_change() returns trigger language plpgsql as $$
begin
    raise exception 'sandbox.posting is append-only: correct a posting by posting its difference';
end
$$;

create trigger posting_append_only before update or delete on sandbox.posting
    for each row execute function sandbox.refuse_posting_change();

-- where a prospective change order left a line: what was recognized and measured (cost, or
-- time value) at the change; recognition after it only spreads what remains
create table sandbox.line_basis (
    contract_number     varchar(64)   not null,
    line_number         integer       not null,
    recognized          numeric(19,4) not null,
    measure             numeric(19,4) not null,
    change_order_number varchar(64)   not null,
    primary key (contract_number, line_number)
);

-- what each version of a time entry was worth when posted: its line, its cost at the employee's
-- cost rate, and its value at the contract's rate (zero when not billable on a T&M line)
alter table sandbox.time_entry
    add column line_number integer,
    add column cost        numeric(19,4) not null default 0,
    add column value       numeric(19,4) not null default 0;

alter table sandbox.milestone_completion
    add column accepted boolean not null default false;
