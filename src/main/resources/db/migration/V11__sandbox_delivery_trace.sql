-- the W3C trace context each delivery came with, so a posting in the sandbox's books can be
-- found in the trace of the request that caused it
alter table sandbox.delivery add column traceparent varchar(55);
