-- the scopes a client holds, as the identity provider grants them, space-separated
alter table oauth_client add column scopes varchar(2000) not null default '';
