package dev.sluice.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import dev.sluice.contract.OpenApiContract.ParameterSpec;
import dev.sluice.contract.OpenApiContract;
import dev.sluice.domain.Violation;
import dev.sluice.governance.CallContext;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Checks every header, path and query parameter of the matched operation against the schema
 * the contract declares for it. Violations are reported with the body's, in one problem.
 */
public class ParameterValidation {

    private final CallContext call;

    ParameterValidation(CallContext call) {
        this.call = call;
    }

    @ServerRequestFilter(priority = 3000)
    void validate(ContainerRequestContext request, UriInfo uri, SimpleResourceInfo resource) {
        Optional<OperationSpec> operation = ApiContracts.operation(resource.getMethodName());
        if (operation.isEmpty()) {
            return;
        }
        OpenApiContract contract = operation.get().contract();
        List<Violation> violations = new ArrayList<>();
        for (ParameterSpec parameter : operation.get().parameters()) {
            String raw = switch (parameter.in()) {
                case "header" -> request.getHeaderString(parameter.name());
                case "path" -> uri.getPathParameters().getFirst(parameter.name());
                case "query" -> uri.getQueryParameters().getFirst(parameter.name());
                default -> null;
            };
            String where = parameter.in() + ":" + parameter.name();
            if (raw == null) {
                if (parameter.required()) {
                    violations.add(new Violation(where, "REQUIRED", "is required"));
                }
                continue;
            }
            JsonNode value = typed(raw, parameter.type());
            if (value == null) {
                violations.add(new Violation(where, "WRONG_TYPE", "must be " + article(parameter.type())));
                continue;
            }
            violations.addAll(SchemaViolations.inParameter(where,
                    contract.schemaAt(parameter.schemaPointer()).validate(value), contract.document()));
        }
        boolean takesBody = operation.get().requestBodySchema().isPresent();
        if (takesBody && !request.hasEntity()) {
            violations.add(new Violation("", "REQUIRED", "a JSON body is required"));
            takesBody = false;
        }
        if (violations.isEmpty()) {
            return;
        }
        if (takesBody) {
            // reported together with the body's own violations when the body is read
            call.addParameterViolations(violations);
        } else {
            throw ProblemException.of(ProblemKind.INVALID_REQUEST, violations);
        }
    }

    /** The raw text as the JSON value its schema expects, or null when it cannot be one. */
    private static JsonNode typed(String raw, String type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (type) {
            case "integer" -> {
                try {
                    yield nodes.numberNode(new BigInteger(raw.trim()));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case "boolean" -> "true".equals(raw) || "false".equals(raw) ? nodes.booleanNode(Boolean.parseBoolean(raw)) : null;
            default -> nodes.textNode(raw);
        };
    }

    private static String article(String type) {
        return ("integer".equals(type) ? "an " : "a ") + type;
    }
}
