package dev.sluice.api;

import dev.sluice.api.problem.ProblemException;
import dev.sluice.api.problem.ProblemKind;
import dev.sluice.delivery.Acceptance;
import dev.sluice.delivery.IdempotencyKeys;
import dev.sluice.delivery.LoadShedding;
import dev.sluice.delivery.OperationSnapshot;
import dev.sluice.delivery.OperationWaiter;
import dev.sluice.domain.Command;
import dev.sluice.domain.OperationStatus;
import dev.sluice.governance.CallContext;
import dev.sluice.governance.Caller;
import dev.sluice.governance.EdgeConfig;
import dev.sluice.governance.IdempotencyKey;
import dev.sluice.governance.PreferWait;
import dev.sluice.governance.ValidationPolicies;
import dev.sluice.domain.Violation;
import dev.sluice.masterdata.Checked;
import dev.sluice.masterdata.CommandValidator;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What every write does between the edge and the outbox: honour a repeated Idempotency-Key,
 * validate against what the gateway knows of the ERP (deferring, where the validation policy
 * allows, what it cannot check while the ERP cannot answer), accept durably, and answer 202 (or
 * 201 when the caller preferred to wait and the ERP posted it in time).
 */
@ApplicationScoped
public class Writes {

    private final Acceptance acceptance;
    private final IdempotencyKeys keys;
    private final CommandValidator validator;
    private final OperationWaiter waiter;
    private final CallContext call;
    private final EdgeConfig edge;
    private final Json json;
    private final LoadShedding shedding;
    private final ValidationPolicies policies;

    Writes(Acceptance acceptance, IdempotencyKeys keys, CommandValidator validator, OperationWaiter waiter, CallContext call,
            EdgeConfig edge, Json json, LoadShedding shedding, ValidationPolicies policies) {
        this.policies = policies;
        this.acceptance = acceptance;
        this.keys = keys;
        this.validator = validator;
        this.waiter = waiter;
        this.call = call;
        this.edge = edge;
        this.json = json;
        this.shedding = shedding;
    }

    public Response accept(String idempotencyKeyHeader, String prefer, Command command) {
        String key = IdempotencyKey.parse(idempotencyKeyHeader);
        Caller caller = call.caller();
        String canonicalBody = json.canonical(call.body());
        String fingerprint = Json.sha256(call.target() + "\n" + canonicalBody);
        IdempotencyKeys.Claim claim = keys.claim(caller.clientId(), key, fingerprint);
        if (claim instanceof IdempotencyKeys.Claim.Repeated repeated) {
            IdempotencyKeys.StoredAnswer stored = repeated.answer();
            return respond(stored.status(), stored.operationId(), stored.body()).build();
        }
        if (claim instanceof IdempotencyKeys.Claim.Reused) {
            throw new ProblemException(ProblemKind.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was first used for a request with a different body, method or path; "
                            + "use a new key for a new request");
        }
        if (claim instanceof IdempotencyKeys.Claim.InProgress) {
            throw new ProblemException(ProblemKind.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is being accepted now; repeat it in a moment to get its answer",
                    List.of(), Map.of("Retry-After", "1"));
        }
        IdempotencyKeys.Claim.Granted granted = (IdempotencyKeys.Claim.Granted) claim;
        OperationSnapshot accepted;
        try {
            Checked checked = validator.check(command);
            if (!checked.valid()) {
                throw ProblemException.of(ProblemKind.VALIDATION_FAILED, checked.violations());
            }
            String deferred = checked.decided() ? null : deferOrRefuse(checked);
            shedding.admitWrite(checked.parts().stream().map(Acceptance.Part::backend).toList());
            accepted = acceptance.accept(new Acceptance.NewOperation(caller.clientId(), command, checked.parts(),
                    call.correlationId(), call.traceparent(), caller.subject(), call.operation(),
                    Json.sha256(canonicalBody), call.receivedAt(), OffsetDateTime.now(ZoneOffset.UTC), deferred),
                    granted, Response.Status.ACCEPTED.getStatusCode(), snapshot -> json.write(ApiMapper.operation(snapshot)));
        } catch (RuntimeException e) {
            // not accepted: the key is free for the caller to try again
            keys.release(granted);
            throw e;
        }
        Optional<Duration> wait = PreferWait.from(prefer, edge.maxWaitSeconds());
        OperationSnapshot operation = wait.map(w -> waiter.await(accepted.id(), w)).orElse(accepted);
        if (operation.status() == OperationStatus.POSTED) {
            String body = json.write(ApiMapper.operation(operation));
            keys.reanswer(granted, Response.Status.CREATED.getStatusCode(), body);
            return respond(Response.Status.CREATED.getStatusCode(), operation.id(), body)
                    .header("Preference-Applied", "wait=" + wait.orElseThrow().toSeconds())
                    .build();
        }
        return respond(Response.Status.ACCEPTED.getStatusCode(), operation.id(),
                json.write(ApiMapper.operation(operation))).build();
    }

    /**
     * A write the gateway could not fully check alone (its copy lacks a code and the ERP cannot
     * answer): accepted with validation deferred where the policy says so, answering what is to be
     * checked later; otherwise refused with 503. A write whose contract the gateway cannot tell is
     * refused whatever the policy says: it could not be queued in its contract's order.
     */
    private String deferOrRefuse(Checked checked) {
        ValidationPolicies.Policy policy = policies.current();
        List<Violation> unchecked = checked.undecided().stream()
                .map(u -> new Violation(u.pointer(), "NOT_VERIFIED", u.detail())).toList();
        Map<String, String> retryAfter = Map.of("Retry-After", Long.toString(policy.retryAfter().toSeconds()));
        if (!checked.routable()) {
            throw new ProblemException(ProblemKind.SERVICE_UNAVAILABLE, "The ERP cannot answer now and the gateway "
                    + "does not know the contract or project this write is for, so it cannot queue it in its contract's"
                    + " order; nothing was accepted", unchecked, retryAfter);
        }
        if (policy.forOperation(call.operation()) == ValidationPolicies.WhenUndecided.REFUSE) {
            throw new ProblemException(ProblemKind.SERVICE_UNAVAILABLE, "The ERP cannot answer now and the gateway "
                    + "cannot check everything in this write alone; the validation policy refuses such "
                    + call.operation() + " writes until the ERP answers; nothing was accepted", unchecked, retryAfter);
        }
        return checked.undecided().stream().map(u -> u.pointer() + " (" + u.detail() + ")")
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static Response.ResponseBuilder respond(int status, UUID operationId, String body) {
        return Response.status(status)
                .header("Location", "/api/v1/operations/" + operationId)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body);
    }
}
