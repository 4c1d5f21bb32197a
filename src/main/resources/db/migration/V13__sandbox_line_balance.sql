-- The sandbox ERP keeps each contract line's balances as postings are made, as a ledger keeps
-- account balances, so a contract's position is read from its lines rather than summed over
-- every posting it ever had. Postings stay the record; balances are their running sums.
create table sandbox.line_balance (
    contract_number varchar(64)   not null,
    line_number     integer       not null,
    recognized      numeric(19,4) not null default 0,
    billed          numeric(19,4) not null default 0,
    cost            numeric(19,4) not null default 0,
    primary key (contract_number, line_number)
);

insert into sandbox.line_balance (contract_number, line_number, recognized, billed, cost)
select contract_number, line_number,
       coalesce(sum(amount) filter (where kind = 'REVENUE'), 0),
       coalesce(sum(amount) filter (where kind = 'BILLING'), 0),
       coalesce(sum(amount) filter (where kind = 'COST'), 0)
from sandbox.posting
group by contract_number, line_number;
