package dev.sluice.api;

import dev.sluice.delivery.Acceptance;
import dev.sluice.delivery.IdempotencyKeys;
import dev.sluice.delivery.LoadShedding;
import dev.sluice.delivery.OperationSnapshot;
import dev.sluice.delivery.OperationWaiter;
import dev.sluice.domain.Command;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.Violation;
import dev.sluice.governance.CallContext;
import dev.sluice.governance.Caller;
import dev.sluice.governance.EdgeConfig;
import dev.sluice.governance.IdempotencyKey;
import dev.sluice.governance.PreferWait;
import dev.sluice.governance.ValidationPolicies;
import dev.sluice.masterdata.ValidationResult;
import dev.sluice.masterdata.CommandValidator;
import dev.sluice.platform.Json;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
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
 * What every write does between the edge and the outbox, whatever the API version: honour a
 * repeated Idempotency-Key, validate against what the gateway knows of the ERP (what it cannot
 * check alone goes to {@link UndecidedWrites}), accept durably, and answer 202 (or 201 when the
 * caller preferred to wait and the ERP posted it in time) in the version's own terms
 * ({@link OperationAnswers}).
 */
@ApplicationScoped
public class WriteIntake {

    private final Acceptance acceptance;
    private final IdempotencyKeys keys;
    private final CommandValidator validator;
    private final OperationWaiter waiter;
    private final CallContext call;
    private final EdgeConfig edge;
    private final Json json;
    private final LoadShedding shedding;
    private final UndecidedWrites undecided;

    WriteIntake(Acceptance acceptance, IdempotencyKeys keys, CommandValidator validator, OperationWaiter waiter,
            CallContext call, EdgeConfig edge, Json json, LoadShedding shedding, UndecidedWrites undecided) {
        this.undecided = undecided;
        this.acceptance = acceptance;
        this.keys = keys;
        this.validator = validator;
        this.waiter = waiter;
        this.call = call;
        this.edge = edge;
        this.json = json;
        this.shedding = shedding;
    }

    /** Takes a write in: answered as {@code answers} renders operations for the API version it came by. */
    public Response accept(String idempotencyKeyHeader, String prefer, Command command, OperationAnswers answers) {
        String key = IdempotencyKey.parse(idempotencyKeyHeader);
        Caller caller = call.caller();
        String canonicalBody = json.canonical(call.body());
        String fingerprint = Json.sha256(call.target() + "\n" + canonicalBody);
        IdempotencyKeys.Claim claim = keys.claim(caller.clientId(), key, fingerprint);
        if (claim instanceof IdempotencyKeys.Claim.Repeated repeated) {
            IdempotencyKeys.StoredAnswer stored = repeated.answer();
            return respond(stored.status(), answers.location(stored.operationId()), stored.body()).build();
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
            ValidationResult checked = validator.check(command);
            if (!checked.valid()) {
                throw ProblemException.of(ProblemKind.VALIDATION_FAILED, checked.violations());
            }
            String deferred = checked.decided() ? null : undecided.deferOrRefuse(checked, call.operation());
            shedding.admitWrite(checked.parts().stream().map(ValidationResult.Routed::backend).toList());
            List<Acceptance.Part> parts = checked.parts().stream().map(r -> Acceptance.Part.forContract(
                    r.contractNumber(), r.command(), r.backend(), r.legalEntity())).toList();
            accepted = acceptance.accept(new Acceptance.NewOperation(caller.clientId(), command, parts,
                    call.correlationId(), call.traceparent(), caller.subject(), call.operation(),
                    Json.sha256(canonicalBody), call.receivedAt(), OffsetDateTime.now(ZoneOffset.UTC), deferred),
                    granted, Response.Status.ACCEPTED.getStatusCode(), snapshot -> json.write(answers.operation(snapshot)));
        } catch (RuntimeException e) {
            // not accepted: the key is free for the caller to try again
            keys.release(granted);
            throw e;
        }
        Optional<Duration> wait = PreferWait.from(prefer, edge.maxWaitSeconds());
        OperationSnapshot operation = wait.map(w -> waiter.await(accepted.id(), w)).orElse(accepted);
        if (operation.status() == OperationStatus.POSTED) {
            String body = json.write(answers.operation(operation));
            keys.reanswer(granted, Response.Status.CREATED.getStatusCode(), body);
            return respond(Response.Status.CREATED.getStatusCode(), answers.location(operation.id()), body)
                    .header("Preference-Applied", "wait=" + wait.orElseThrow().toSeconds())
                    .build();
        }
        return respond(Response.Status.ACCEPTED.getStatusCode(), answers.location(operation.id()),
                json.write(answers.operation(operation))).build();
    }

    private static Response.ResponseBuilder respond(int status, String location, String body) {
        return Response.status(status)
                .header("Location", location)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body);
    }
}
