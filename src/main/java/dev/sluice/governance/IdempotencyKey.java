package dev.sluice.governance;

import dev.sluice.domain.Violation;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import java.util.List;

/**
 * The {@code Idempotency-Key} header (IETF httpapi draft): a structured-field string such as
 * {@code "8e03978e-40d5"} or a bare token, at most 255 visible ASCII characters.
 */
public final class IdempotencyKey {

    static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /** The key's value (without the quotes of a structured-field string). */
    public static String parse(String header) {
        if (header == null || header.isEmpty()) {
            throw invalid("is required on every write");
        }
        String value = header;
        if (header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")) {
            value = unquote(header.substring(1, header.length() - 1));
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw invalid("must be 1 to 255 visible ASCII characters, bare or as a quoted string");
        }
        return value;
    }

    private static String unquote(String quoted) {
        StringBuilder value = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                if (i + 1 == quoted.length() || (quoted.charAt(i + 1) != '"' && quoted.charAt(i + 1) != '\\')) {
                    throw invalid("has a backslash that escapes neither a quote nor a backslash");
                }
                c = quoted.charAt(++i);
            } else if (c == '"') {
                throw invalid("has an unescaped quote inside the quoted string");
            }
            value.append(c);
        }
        return value.toString();
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.of(ProblemKind.INVALID_REQUEST,
                List.of(new Violation("header:Idempotency-Key", "INVALID_IDEMPOTENCY_KEY", detail)));
    }
}
