package dev.sluice.api;

import dev.sluice.domain.Violation;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page cursors: the key to continue after, signed with the gateway's cursor key, base64url-encoded.
 * Opaque to callers, who follow {@code next} links; a cursor the gateway did not sign, or one
 * that does not hold the kind of key its listing pages by, is refused as an invalid request.
 */
@ApplicationScoped
public class Cursors {

    private static final String ALGORITHM = "HmacSHA256";
    /** The leading half of the HMAC (128 bits, as RFC 2104 allows) keeps cursors short. */
    private static final int SIGNATURE_BYTES = 16;

    private final SecretKeySpec key;

    public Cursors(CursorConfig config) {
        this.key = new SecretKeySpec(config.signingKey().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** A cursor to continue after {@code after}. */
    public String encode(String after) {
        byte[] content = after.getBytes(StandardCharsets.UTF_8);
        byte[] cursor = Arrays.copyOf(content, content.length + SIGNATURE_BYTES);
        System.arraycopy(signature(content), 0, cursor, content.length, SIGNATURE_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
    }

    /** A cursor to continue after the record with id {@code after}. */
    public String encode(long after) {
        return encode(Long.toString(after));
    }

    /** The key a cursor from {@link #encode(String)} continues after. */
    public String decode(String cursor) {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        if (decoded.length <= SIGNATURE_BYTES) {
            throw invalidCursor();
        }
        byte[] content = Arrays.copyOf(decoded, decoded.length - SIGNATURE_BYTES);
        byte[] signature = Arrays.copyOfRange(decoded, content.length, decoded.length);
        if (!MessageDigest.isEqual(signature, signature(content))) {
            throw invalidCursor();
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The record id a cursor from {@link #encode(long)} continues after. */
    public long decodeLong(String cursor) {
        try {
            return Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    private byte[] signature(byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(content), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static ProblemException invalidCursor() {
        return ProblemException.of(ProblemKind.INVALID_REQUEST, List.of(new Violation("query:after",
                "INVALID_CURSOR", "is not a cursor this API handed out; follow the next link of a page")));
    }
}
