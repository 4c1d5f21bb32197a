package dev.sluice.erp.netsuite;

import java.nio.charset.StandardCharsets;

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
