-- The gateway's own view of the contracts and projects its ERPs hold: what it posted through
-- them and what it read from them. Validation reads this view (plus the writes still pending)
-- rather than asking the ERP, so writes are accepted while the ERP cannot answer; a read of a
-- contract or project that the ERP cannot answer is answered from it, with its age.
create table contract_view (
    contract_number varchar(200) primary key,
    backend         text         not null,
    -- the contract as it stands: terms, lines, change orders, ERP document and the last position read
    state           jsonb        not null,
    -- when the ERP last confirmed this state: a posting it accepted, or a read it answered
    confirmed_at    timestamptz  not null,
    -- POSTED (the gateway's own posting) or READ (the ERP's answer)
    source          varchar(16)  not null
);

create index contract_view_by_confirmation on contract_view (confirmed_at);

create table project_view (
    project_code    varchar(200) primary key,
    contract_number varchar(200) not null,
    backend         text         not null,
    state           jsonb        not null,
    confirmed_at    timestamptz  not null,
    source          varchar(16)  not null
);

create index project_view_by_confirmation on project_view (confirmed_at);

-- A write the gateway could not fully validate alone (a code unknown to its copy while the ERP
-- could not answer) is accepted with validation deferred, as policies/validation.yaml allows, and
-- validated again before it is posted: validated_at says when that happened.
alter table operation
    add column validation_deferred boolean not null default false,
    add column validated_at        timestamptz;

-- The legal entity a part is booked in, so finance can see what waits per entity; and when its
-- first failed attempt was, for giving up after sluice.delivery.give-up-after rather than after a
-- number of attempts that a long ERP outage would use up.
alter table outbox
    add column legal_entity    varchar(64),
    add column first_failed_at timestamptz;
