package dev.sluice.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import dev.sluice.contract.OpenApiContract.ResponseSpec;
import dev.sluice.contract.OpenApiContract;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every answer a test receives against the contract: the status must be one the
 * operation declares, the body must match the declared schema for its media type, and the
 * declared required headers must be there. Answers outside any operation (an unknown route,
 * a wrong method) must still be valid problem documents.
 */
public final class ContractConformance implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        if (!path.startsWith("/api/") && !path.startsWith("/admin/")) {
            return response;
        }
        String mediaType = Optional.ofNullable(response.getContentType()).map(t -> t.split(";")[0].trim()).orElse("");
        Optional<OperationSpec> operation = match(request.getMethod(), path);
        String where = request.getMethod() + " " + path + " answered " + response.getStatusCode();
        if (operation.isEmpty()) {
            assertThat(mediaType).as(where + ": answers outside the contract's operations are problems")
                    .isEqualTo("application/problem+json");
            check(OpenApiContract.v1(), where, "/components/schemas/Problem", response.asString());
            return response;
        }
        ResponseSpec declared = operation.get().responses().get(response.getStatusCode());
        if (declared == null) {
            fail(where + ", a status " + operation.get().operationId() + " does not declare; body: "
                    + response.asString());
        }
        for (String header : declared.requiredHeaders()) {
            assertThat(response.getHeader(header)).as(where + ": required header " + header).isNotNull();
        }
        String schema = declared.schemaByMediaType().get(mediaType);
        if (schema == null) {
            fail(where + " with media type '" + mediaType + "', which the contract does not declare for it");
        }
        check(operation.get().contract(), where, schema, response.asString());
        return response;
    }

    private static void check(OpenApiContract contract, String where, String schemaPointer, String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(where + ": the body is not JSON: " + body, e);
        }
        Set<ValidationMessage> messages = contract.schemaAt(schemaPointer).validate(node);
        assertThat(messages).as(where + ": the body breaks the contract's schema " + schemaPointer + "\n" + body)
                .isEmpty();
    }

    private Optional<OperationSpec> match(String method, String path) {
        return ApiContracts.all().stream().flatMap(c -> c.operations().values().stream())
                .filter(o -> o.method().equalsIgnoreCase(method))
                .filter(o -> template(o.path()).matcher(path).matches())
                // a literal segment beats a template segment (/master-data/customers vs /{type})
                .min((a, b) -> Long.compare(templates(a.path()), templates(b.path())));
    }

    private static long templates(String path) {
        return path.chars().filter(c -> c == '{').count();
    }

    private static Pattern template(String path) {
        return Pattern.compile(path.replaceAll("\\{[^/]+}", "[^/]+"));
    }
}
