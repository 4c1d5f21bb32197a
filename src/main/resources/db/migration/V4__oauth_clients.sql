-- OAuth clients as the gateway knows them: who owns each, its rate plan, and whether it may
-- call. Keycloak holds the credentials; this table is what every replica checks per request.
create table oauth_client (
    client_id   varchar(64)  primary key,
    name        varchar(200) not null,
    owner_team  varchar(200) not null,
    contact     varchar(320) not null,
    rate_plan   varchar(64)  not null,
    enabled     boolean      not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create unique index oauth_client_by_name on oauth_client (lower(name));
