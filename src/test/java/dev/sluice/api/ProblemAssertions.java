package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** Assertions on RFC 9457 problem answers, shared by the error-handling tests. */
final class ProblemAssertions {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPE_BASE = "https://sluice.dev/problems/";

    /** What must never reach a caller: stack frames, class names, SQL. */
    static final List<String> LEAKS = List.of("Exception", "at dev.", "java.", "org.hibernate", "SELECT",
            "insert into");

    private ProblemAssertions() {
    }

    /** Asserts the answer is a problem of this status and type slug, and returns it for more checks. */
    static Response assertProblem(Response response, int status, String slug) {
        String body = response.asString();
        assertThat(response.statusCode()).as("status of %s", body).isEqualTo(status);
        assertThat(response.contentType()).as("Content-Type of %s", body).startsWith(PROBLEM_JSON);
        assertThat(response.jsonPath().getString("type")).as("type of %s", body).isEqualTo(TYPE_BASE + slug);
        assertThat(response.jsonPath().getInt("status")).as("status member of %s", body).isEqualTo(status);
        return response;
    }

    /** The problem's errors as {@code "<pointer> <code>"}, in the order listed. */
    static List<String> errors(Response response) {
        List<Map<String, Object>> errors = response.jsonPath().getList("errors");
        if (errors == null) {
            return List.of();
        }
        return errors.stream().map(e -> e.get("pointer") + " " + e.get("code")).toList();
    }

    static void assertNoLeaks(Response response) {
        String body = response.asString();
        for (String leak : LEAKS) {
            assertThat(body).as("a problem body must not reveal internals").doesNotContain(leak);
        }
    }
}
