package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text this adapter writes into a sales order line's {@code description} for the terms NetSuite
 * cannot hold as data, and reads back. The form is fields separated by {@code " | "}, each a key
 * and its values separated by spaces:
 * <pre>line 1 TIME_AND_MATERIALS | order-amount not-to-exceed | rate CONSULTANT 150.00/h | description "Build"</pre>
 * A value made only of letters, digits and {@code . _ : / + -} is written as it is; any other is a
 * JSON string literal (quoted, with JSON escapes), so a value can hold any text, {@code |} and
 * quotes included, and the text reads back to exactly the values written.
 */
final class LineText {

    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9._:/+-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One field: its key and values. */
    record Field(String key, List<String> values) {

        Field {
            values = List.copyOf(values);
        }

        static Field of(String key, String... values) {
            return new Field(key, List.of(values));
        }

        Optional<String> value(int index) {
            return index < values.size() ? Optional.of(values.get(index)) : Optional.empty();
        }
    }

    /** A parsed text: its fields in order, looked up by key (the first of a key; all of a repeated key). */
    record Fields(List<Field> all) {

        Fields {
            all = List.copyOf(all);
        }

        Optional<Field> first(String key) {
            return all.stream().filter(f -> f.key().equals(key)).findFirst();
        }

        List<Field> every(String key) {
            return all.stream().filter(f -> f.key().equals(key)).toList();
        }

        boolean has(String key) {
            return first(key).isPresent();
        }
    }

    private LineText() {
    }

    static String format(List<Field> fields) {
        StringBuilder text = new StringBuilder();
        for (Field field : fields) {
            if (!text.isEmpty()) {
                text.append(" | ");
            }
            text.append(field.key());
            for (String value : field.values()) {
                text.append(' ').append(quote(value));
            }
        }
        return text.toString();
    }

    /** The fields of a text this adapter wrote; empty when the text is not in this form (edited in NetSuite, say). */
    static Optional<Fields> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Field> fields = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n || text.charAt(i) == '|' && (i + 1 >= n || text.charAt(i + 1) == ' ')) {
                if (current.isEmpty() || !BARE.matcher(current.get(0)).matches()) {
                    return Optional.empty();
                }
                fields.add(new Field(current.get(0), current.subList(1, current.size())));
                current = new ArrayList<>();
                if (i >= n) {
                    break;
                }
                i++;
                continue;
            }
            if (text.charAt(i) == '"') {
                int end = closingQuote(text, i);
                if (end < 0) {
                    return Optional.empty();
                }
                Optional<String> value = unquote(text.substring(i, end + 1));
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                current.add(value.get());
                i = end + 1;
                if (i < n && text.charAt(i) != ' ') {
                    return Optional.empty();
                }
            } else {
                int end = text.indexOf(' ', i);
                end = end < 0 ? n : end;
                String token = text.substring(i, end);
                if (!BARE.matcher(token).matches()) {
                    return Optional.empty();
                }
                current.add(token);
                i = end;
            }
        }
        return Optional.of(new Fields(fields));
    }

    private static String quote(String value) {
        if (BARE.matcher(value).matches()) {
            return value;
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    private static int closingQuote(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> unquote(String literal) {
        try {
            return Optional.of(JSON.readValue(literal, String.class));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
