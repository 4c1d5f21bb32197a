package dev.sluice.api;

import dev.sluice.api.problem.ProblemException;
import dev.sluice.api.problem.ProblemKind;
import dev.sluice.domain.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Page cursors: the key to continue after, with a checksum, base64url-encoded. Opaque to
 * callers, who follow {@code next} links; a cursor that was not handed out is refused.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] cursor = ByteBuffer.allocate(bytes.length + Integer.BYTES).put(bytes).putInt(checksum(bytes)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
    }

    public static String decode(String cursor) {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        if (decoded.length <= Integer.BYTES) {
            throw invalidCursor();
        }
        byte[] key = Arrays.copyOf(decoded, decoded.length - Integer.BYTES);
        if (ByteBuffer.wrap(decoded, key.length, Integer.BYTES).getInt() != checksum(key)) {
            throw invalidCursor();
        }
        return new String(key, StandardCharsets.UTF_8);
    }

    private static int checksum(byte[] key) {
        CRC32 crc = new CRC32();
        crc.update(key);
        return (int) crc.getValue();
    }

    private static ProblemException invalidCursor() {
        return ProblemException.of(ProblemKind.INVALID_REQUEST, List.of(new Violation("query:after",
                "INVALID_CURSOR", "is not a cursor this API handed out; follow the next link of a page")));
    }
}
