package dev.sluice.domain;

/**
 * One thing wrong with a request: where (a JSON Pointer into the body, or {@code header:Name},
 * {@code path:name}, {@code query:name}), a stable code, and a sentence for a person.
 */
public record Violation(String pointer, String code, String detail) {
}
