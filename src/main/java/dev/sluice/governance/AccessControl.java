package dev.sluice.governance;

import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotFoundException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Lets an operation run only for a caller with a valid bearer token that carries the scope the
 * contract declares for that operation. The scope is read from the contract's {@code security}
 * requirement; no Java names it. Runs before anything else looks at the request, so an
 * unauthenticated caller learns nothing but 401.
 *
 * <p>A resource method that implements no operation of a served contract never runs: without
 * an operation there is no scope to require. No JAX-RS method is public; what the gateway
 * serves without a token (the contract documents, Swagger UI, health, metrics) is served by
 * Vert.x routes outside JAX-RS.
 */
public class AccessControl {

    private static final Logger LOG = Logger.getLogger(AccessControl.class);

    static final String CHALLENGE = "Bearer realm=\"sluice\"";

    private final CurrentIdentityAssociation identities;
    private final CallContext call;
    private final ClientRegistry clients;
    private final VerifiedTokens verified;

    AccessControl(CurrentIdentityAssociation identities, CallContext call, ClientRegistry clients,
            VerifiedTokens verified) {
        this.identities = identities;
        this.call = call;
        this.clients = clients;
        this.verified = verified;
    }

    @ServerRequestFilter(priority = 1000)
    Uni<Void> authorize(SimpleResourceInfo resource, HttpServerRequest request) {
        OperationSpec operation = operationOf(resource);
        String token = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        Optional<Caller> known = token == null ? Optional.empty() : verified.caller(token);
        if (known.isPresent()) {
            admit(known.get(), operation);
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().transform(AccessControl::invalidToken)
                .invoke(identity -> admit(caller(identity, token), operation))
                .replaceWithVoid();
    }

    /**
     * The contract operation the matched resource method implements (it is named after it). A
     * method that implements none is the gateway's own defect, not the caller's: it is refused
     * as an unknown path is, so the answer tells no one it exists, and logged as an error.
     */
    private static OperationSpec operationOf(SimpleResourceInfo resource) {
        return ApiContracts.operation(resource.getMethodName()).orElseThrow(() -> {
            LOG.errorf("Refused a call to %s.%s: it implements no operation of a contract the gateway serves",
                    resource.getResourceClass().getName(), resource.getMethodName());
            return new NotFoundException();
        });
    }

    /** The caller a freshly verified identity names; its token is remembered until it expires. */
    private Caller caller(SecurityIdentity identity, String token) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw unauthorized("A bearer token is required");
        }
        String clientId = jwt.getClaim("azp");
        if (clientId == null) {
            throw unauthorized("The token names no client (azp)");
        }
        Caller caller = new Caller(clientId, jwt.getSubject(), scopes(jwt.getClaim("scope")));
        if (token != null && token.equals(jwt.getRawToken())) {
            verified.verified(token, caller, jwt.getExpirationTime());
        }
        return caller;
    }

    private void admit(Caller caller, OperationSpec operation) {
        if (clients.isDisabled(caller.clientId())) {
            throw unauthorized("Client " + caller.clientId() + " is disabled");
        }
        call.caller(caller);
        call.operation(operation.operationId());
        requireScopes(operation, caller.scopes());
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
    }

    /** Refuses with 403 insufficient_scope unless {@code granted} holds every scope the operation declares. */
    static void requireScopes(OperationSpec operation, Set<String> granted) {
        for (String needed : operation.scopes()) {
            if (!granted.contains(needed)) {
                throw new ProblemException(ProblemKind.INSUFFICIENT_SCOPE, "This operation needs the scope " + needed,
                        List.of(), Map.of("WWW-Authenticate", CHALLENGE
                                + ", error=\"insufficient_scope\", scope=\"" + needed + "\""));
            }
        }
    }

    /** The scopes a token's space-separated {@code scope} claim grants. */
    static Set<String> scopes(Object claim) {
        return claim == null ? Set.of() : new HashSet<>(Arrays.asList(claim.toString().trim().split("\\s+")));
    }

    private static Throwable invalidToken(Throwable failure) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailedException) {
                return unauthorized("The bearer token is not valid: it is malformed, expired, not yet valid, "
                        + "or not issued and signed by the gateway's issuer for audience sluice-api");
            }
        }
        return failure;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemKind.UNAUTHORIZED, detail, List.of(),
                Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""));
    }
}
