package dev.sluice.governance.ratelimit;

import dev.sluice.contract.ApiContracts;
import dev.sluice.governance.CallContext;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Charges a batch whose plan cost is per entry once its body is read and valid: a batch of 100
 * time entries costs 100 units (the entries are the body's array the contract names with
 * {@code x-sluice-batch}). Wraps the body's validation, so a malformed batch is refused for what
 * it is and charged nothing.
 */
@Provider
@Priority(4000)
public class PerEntryCharge implements ReaderInterceptor {

    private final RateLimits limits;
    private final CallContext call;

    PerEntryCharge(RateLimits limits, CallContext call) {
        this.limits = limits;
        this.call = call;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (call.hasCaller() && call.operation() != null
                && limits.cost(call.operation()) == RateLimitPolicy.PER_ENTRY && call.body() != null) {
            String batch = ApiContracts.operation(call.operation()).flatMap(o -> o.batchMember()).orElseThrow();
            long entries = Math.max(1, call.body().path(batch).size());
            // a refusal is a problem that carries its own RateLimit and Retry-After headers
            call.rateLimitHeaders(RateLimits.headers(limits.charge(call.caller().clientId(), entries)));
        }
        return body;
    }
}
