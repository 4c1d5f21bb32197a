-- The sandbox ERP keeps each contract line's balances as it posts, as a ledger keeps account
-- balances, so recognizing revenue and reporting a contract's position read a line's sums rather
-- than adding up every posting and time entry it ever had. Postings and time entries stay the
-- record; balances are their running sums: revenue, billing and cost posted, and the value of the
-- line's current (not superseded) time.
create table sandbox.line_balance (
    contract_number varchar(64)   not null,
    line_number     integer       not null,
    recognized      numeric(19,4) not null default 0,
    billed          numeric(19,4) not null default 0,
    cost            numeric(19,4) not null default 0,
    time_value      numeric(19,4) not null default 0,
    primary key (contract_number, line_number)
);

insert into sandbox.line_balance (contract_number, line_number, recognized, billed, cost, time_value)
select contract_number, line_number, sum(recognized), sum(billed), sum(cost), sum(time_value)
from (
    select contract_number, line_number,
           case when kind = 'REVENUE' then amount else 0 end as recognized,
           case when kind = 'BILLING' then amount else 0 end as billed,
           case when kind = 'COST' then amount else 0 end as cost,
           0 as time_value
    from sandbox.posting
    union all
    select contract_number, line_number, 0, 0, 0, value
    from sandbox.time_entry
    where not superseded and line_number is not null
) sums
group by contract_number, line_number;
