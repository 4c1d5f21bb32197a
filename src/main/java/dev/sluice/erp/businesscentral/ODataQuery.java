package dev.sluice.erp.businesscentral;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The query options of one collection read: {@code $filter}, {@code $orderby}, {@code $top}. */
record ODataQuery(String filter, BcSchema.Field orderBy, int top) {

    static ODataQuery all() {
        return new ODataQuery(null, null, 0);
    }

    static ODataQuery where(String filter) {
        return new ODataQuery(filter, null, 0);
    }

    ODataQuery orderBy(BcSchema.Field field) {
        return new ODataQuery(filter, field, top);
    }

    ODataQuery top(int count) {
        return new ODataQuery(filter, orderBy, count);
    }

    /** {@code field eq 'value'}. */
    static String eq(BcSchema.Field field, String value) {
        return field.property() + " eq " + literal(value);
    }

    /** {@code field gt 'value'}: what comes after a key in key order. */
    static String gt(BcSchema.Field field, String value) {
        return field.property() + " gt " + literal(value);
    }

    /** {@code field ge 2026-01-01T00:00:00Z}: a DateTimeOffset is written bare, not quoted. */
    static String ge(BcSchema.Field field, Instant at) {
        return field.property() + " ge " + at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code field ge 2026-01-01 and field le 2026-01-31}: an Edm.Date is written bare. */
    static String between(BcSchema.Field field, LocalDate from, LocalDate to) {
        return field.property() + " ge " + from + " and " + field.property() + " le " + to;
    }

    static String and(String left, String right) {
        return left + " and " + right;
    }

    /** A string literal: single quotes doubled, as OData escapes them. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** The query string, without the {@code ?}; empty when there are no options. */
    String encoded() {
        List<String> parts = new ArrayList<>();
        if (filter != null) {
            parts.add("$filter=" + encode(filter));
        }
        if (orderBy != null) {
            parts.add("$orderby=" + encode(orderBy.property()));
        }
        if (top > 0) {
            parts.add("$top=" + top);
        }
        return String.join("&", parts);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
