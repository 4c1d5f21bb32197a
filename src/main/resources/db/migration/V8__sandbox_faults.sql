-- Faults the sandbox ERP simulates, shared by every process that runs it (one row).
create table sandbox.fault_settings (
    id          integer     primary key check (id = 1),
    settings    jsonb       not null,
    updated_at  timestamptz not null
);
