-- The built-in sandbox ERP keeps its books in its own schema: nothing of the gateway reads them
-- except through the sandbox adapter.

create schema if not exists sandbox;

create sequence sandbox.document_number;

create table sandbox.master_record (
    type    varchar(32) not null,
    code    varchar(64) not null,
    body    jsonb       not null,
    primary key (type, code)
);

-- every document the sandbox posted, append-only, with the operation that caused it
create table sandbox.document (
    document_id     varchar(32)  not null,
    document_type   varchar(32)  not null,
    business_key    varchar(200) not null,
    revision        integer      not null,
    operation_id    uuid         not null,
    correlation_id  varchar(64),
    traceparent     varchar(55),
    body            jsonb        not null,
    posted_at       timestamptz  not null,
    primary key (document_id, revision)
);

create index document_by_business_key on sandbox.document (document_type, business_key);
create index document_by_operation on sandbox.document (operation_id);

create table sandbox.contract (
    contract_number varchar(64)  primary key,
    document_id     varchar(32)  not null,
    revision        integer      not null,
    content_hash    varchar(64)  not null,
    state           jsonb        not null,
    updated_at      timestamptz  not null
);

create table sandbox.change_order (
    contract_number     varchar(64) not null,
    change_order_number varchar(64) not null,
    document_id         varchar(32) not null,
    content_hash        varchar(64) not null,
    primary key (contract_number, change_order_number)
);

create table sandbox.project (
    project_code    varchar(64)  primary key,
    contract_number varchar(64)  not null,
    document_id     varchar(32)  not null,
    revision        integer      not null,
    content_hash    varchar(64)  not null,
    state           jsonb        not null,
    updated_at      timestamptz  not null
);

create table sandbox.time_entry (
    external_id     varchar(64)  not null,
    version         integer      not null,
    document_id     varchar(32)  not null,
    project_code    varchar(64)  not null,
    task_code       varchar(64)  not null,
    contract_number varchar(64)  not null,
    entry           jsonb        not null,
    superseded      boolean      not null default false,
    posted_at       timestamptz  not null,
    primary key (external_id, version)
);

create index time_entry_by_task on sandbox.time_entry (project_code, task_code);

create table sandbox.milestone_completion (
    document_id     varchar(32)  primary key,
    project_code    varchar(64)  not null,
    milestone_code  varchar(64)  not null,
    contract_number varchar(64)  not null,
    content_hash    varchar(64)  not null,
    completion      jsonb        not null,
    posted_at       timestamptz  not null,
    unique (project_code, milestone_code, content_hash)
);

-- deliveries already processed, by the gateway's external reference: a redelivery answers the
-- first outcome instead of posting again
create table sandbox.delivery (
    reference       varchar(300) primary key,
    outcome         jsonb        not null,
    processed_at    timestamptz  not null
);
