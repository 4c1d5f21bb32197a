package dev.sluice.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.v1.ApiMapper;
import dev.sluice.api.v1.model.TimeApprovalRequest;
import dev.sluice.domain.ApproveTime;
import dev.sluice.support.Bodies;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A week of approved time as a PSA platform reports it, shaped like the tests' {@link Bodies}:
 * five employees' days per week each, one entry per employee and day (7.50 hours), spread over
 * {@link #PROJECTS} projects, each on its own contract, approved by {@code EMP-007} the morning
 * after. Every entry is valid against the master data {@code TimeValidationBenchmark} sets up.
 */
public final class TimeBatches {

    /** Projects P-1001.. on contracts C-1001.., one contract each. */
    public static final int PROJECTS = 4;
    /** Monday, 2 February 2026. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 2, 2);

    private TimeBatches() {
    }

    public static String employeeNumber(int n) {
        return String.format("EMP-%03d", n);
    }

    public static String projectCode(int p) {
        return "P-" + (1001 + p);
    }

    public static String contractNumber(int p) {
        return "C-" + (1001 + p);
    }

    /** Entry {@code i} of a batch, as the caller sends it. */
    public static Map<String, Object> entry(int i) {
        Map<String, Object> entry = Bodies.timeEntry("TE-" + (100_000 + i), projectCode(i % PROJECTS));
        entry.put("employeeNumber", employeeNumber(1 + i / 5));
        entry.put("taskCode", i % 3 == 2 ? "T3" : "T1");
        Bodies.workedOn(entry, MONDAY.plusDays(i % 5).toString());
        entry.put("description", "Integration build and test, sprint 14");
        return entry;
    }

    /** The body of a batch of {@code size} entries, as the caller sends it. */
    public static Map<String, Object> body(int size) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(entry(i));
        }
        return Bodies.timeApproval(entries);
    }

    /** The body of a batch as bytes on the wire. */
    public static byte[] bytes(ObjectMapper mapper, Map<String, Object> body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command the API makes of a body: parsed, bound to the generated model and mapped, as in production. */
    public static ApproveTime command(Map<String, Object> body) {
        ObjectMapper mapper = GatewayJson.mapper();
        JsonNode node = GatewayJson.parseBody(mapper, bytes(mapper, body));
        try {
            return ApiMapper.command(mapper.treeToValue(node, TimeApprovalRequest.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
