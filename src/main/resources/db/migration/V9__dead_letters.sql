-- A part whose delivery attempts are exhausted stays in the outbox as a dead letter: it holds its
-- aggregate (nothing after it in that contract is delivered) until an operator replays or
-- discards it.
alter table outbox
    add column dead_lettered_at timestamptz,
    add column error_code       varchar(32),
    add column last_error       varchar(2000);

create index outbox_dead_letters on outbox (dead_lettered_at) where dead_lettered_at is not null;
