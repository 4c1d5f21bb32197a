-- The gateway's copy of each ERP's master data, kept in its database as well as in each process's
-- memory: a process that starts while an ERP cannot answer validates against what was read before,
-- rather than against nothing.
create table master_data_copy (
    backend varchar(64)  not null,
    type    varchar(32)  not null,
    key     varchar(200) not null,
    record  jsonb        not null,
    primary key (backend, type, key)
);

-- when each type of each backend was last read, and last read in full
create table master_data_sync (
    backend   varchar(64) not null,
    type      varchar(32) not null,
    synced_at timestamptz not null,
    full_at   timestamptz not null,
    primary key (backend, type)
);
