package dev.sluice.support;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Sends every test request with a bearer token of the all-scopes test client, unless the test
 * set its own Authorization header, or asked for none with {@link #ANONYMOUS}.
 */
public final class BearerTokens implements Filter {

    /** A request with this header goes out without any Authorization header. */
    public static final String ANONYMOUS = "X-Test-Anonymous";

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
            request.removeHeader(ANONYMOUS);
        } else if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TestKeycloak.get().token(TestKeycloak.ALL_SCOPES));
        }
        return context.next(request, response);
    }
}
