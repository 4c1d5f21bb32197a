package dev.sluice.erp.netsuite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The external ids this adapter gives NetSuite records. NetSuite allows only letters, digits,
 * {@code _} and {@code -} in one, so any other character (and {@code _} itself) is written as
 * {@code _} and two hex digits per UTF-8 byte, and the parts of a compound id are joined with
 * {@code __}. The encoding is one-to-one, so two different business keys never share a record.
 */
final class ExternalIds {

    private ExternalIds() {
    }

    /** A contract's sales order, a project's job. */
    static String of(String key) {
        return encode(key);
    }

    /** A record under another: a task of a project ({@code P-1001__T1}), a change order of a contract. */
    static String of(String parent, String child) {
        return encode(parent) + "__" + encode(child);
    }

    /** One version of a time entry: {@code TE-9__v2}. */
    static String timeEntry(String externalId, int version) {
        return encode(externalId) + "__v" + version;
    }

    /**
     * The key an encoded part stands for (the inverse of the encoding); empty when {@code part} is
     * not one this adapter wrote.
     */
    static Optional<String> decode(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '_') {
                if (i + 2 >= part.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(part.charAt(i + 1), 16);
                int low = Character.digit(part.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-')) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * The child key of a compound external id under {@code parent} ({@code T1} of {@code P-1001__T1});
     * empty when the id is not one under that parent.
     */
    static Optional<String> childOf(String parent, String externalId) {
        String prefix = encode(parent) + "__";
        if (externalId == null || !externalId.startsWith(prefix)) {
            return Optional.empty();
        }
        return decode(externalId.substring(prefix.length()));
    }

    private static String encode(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-')) {
                out.append(c);
            } else {
                out.append('_').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
