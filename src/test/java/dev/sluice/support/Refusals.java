package dev.sluice.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import java.util.Map;
import org.hamcrest.Matcher;

/** Assertions on the gateway's 422 answers to writes that break business rules or master data. */
public final class Refusals {

    public static final String VALIDATION_FAILED = "https://sluice.dev/problems/validation-failed";

    private Refusals() {
    }

    /** One entry of a problem's {@code errors}: where and which rule. */
    public static Matcher<Map<? extends String, ?>> violation(String pointer, String code) {
        return allOf(hasEntry("pointer", pointer), hasEntry("code", code));
    }

    /**
     * The answer is a validation-failed problem (422) that lists {@code code} at {@code pointer}
     * among its errors.
     */
    public static void assertRefused(Response response, String pointer, String code) {
        assertRefused(response);
        response.then().body("errors", hasItem(violation(pointer, code)));
    }

    /** The answer is a validation-failed problem (422). */
    public static void assertRefused(Response response) {
        assertThat(response.statusCode())
                .as("expected 422 validation-failed, got %d: %s", response.statusCode(), response.asString())
                .isEqualTo(422);
        assertThat(response.getContentType()).as("media type of the 422").startsWith("application/problem+json");
        response.then().body("type", equalTo(VALIDATION_FAILED)).body("status", equalTo(422));
    }

    /** The write was accepted (202); the body is shown when it was not. */
    public static void assertAccepted(Response response) {
        assertThat(response.statusCode())
                .as("expected 202 Accepted, got %d: %s", response.statusCode(), response.asString())
                .isEqualTo(202);
    }
}
