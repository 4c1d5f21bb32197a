package dev.sluice.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies as mutable maps, shaped like the examples in ARCHITECTURE.md, so a test can
 * break exactly the member it is about. The master data they name is the sandbox's seed.
 */
public final class Bodies {

    private Bodies() {
    }

    /** C-1001 of the architecture: a T&M line (1), a milestone line (2, M1 and M2), a percent-complete line (3). */
    public static Map<String, Object> contract(String contractNumber) {
        return map(
                "contractNumber", contractNumber,
                "customerNumber", "CUST-001",
                "legalEntity", "US01",
                "currency", "USD",
                "startDate", "2026-01-01",
                "endDate", "2026-12-31",
                "lines", list(
                        map("lineNumber", 1, "itemNumber", "SVC-TM", "billingMethod", "TIME_AND_MATERIALS",
                                "rates", list(map("role", "CONSULTANT", "hourlyRate", "150.00")),
                                "notToExceed", "100000.00"),
                        map("lineNumber", 2, "itemNumber", "SVC-FF", "billingMethod", "FIXED_FEE_MILESTONE",
                                "amount", "50000.00",
                                "milestones", list(
                                        map("milestoneCode", milestone(contractNumber, "M1"), "name", "Design signed off",
                                                "amount", "20000.00"),
                                        map("milestoneCode", milestone(contractNumber, "M2"), "name", "Go-live",
                                                "amount", "30000.00"))),
                        map("lineNumber", 3, "itemNumber", "SVC-POC", "billingMethod", "FIXED_FEE_PERCENT_COMPLETE",
                                "amount", "1000000.00", "estimatedCost", "700000.00")));
    }

    /** Milestone codes are unique per contract; tests use the contract number in them. */
    public static String milestone(String contractNumber, String code) {
        return contractNumber + "-" + code;
    }

    /** A project on the contract with a billable task T1 (line 1), a non-billable T2 (line 1) and T3 (line 3). */
    public static Map<String, Object> project(String projectCode, String contractNumber) {
        return map(
                "projectCode", projectCode,
                "contractNumber", contractNumber,
                "name", "ERP roll-out",
                "projectManager", "EMP-007",
                "tasks", list(
                        map("taskCode", "T1", "name", "Build", "contractLine", 1, "billable", true),
                        map("taskCode", "T2", "name", "Internal review", "contractLine", 1, "billable", false),
                        map("taskCode", "T3", "name", "Implementation", "contractLine", 3, "billable", true)));
    }

    public static Map<String, Object> timeEntry(String externalId, String projectCode) {
        return map(
                "externalId", externalId,
                "version", 1,
                "employeeNumber", "EMP-001",
                "projectCode", projectCode,
                "taskCode", "T1",
                "workDate", "2026-02-03",
                "hours", "7.50",
                "role", "CONSULTANT",
                "billable", true,
                "approvedBy", "EMP-007",
                "approvedAt", "2026-02-04T09:00:00Z");
    }

    /** Sets the day the entry was worked, approved the morning after. */
    public static Map<String, Object> workedOn(Map<String, Object> entry, String workDate) {
        entry.put("workDate", workDate);
        entry.put("approvedAt", java.time.LocalDate.parse(workDate).plusDays(1) + "T09:00:00Z");
        return entry;
    }

    @SafeVarargs
    public static Map<String, Object> timeApproval(Map<String, Object>... entries) {
        return map("entries", list((Object[]) entries));
    }

    public static Map<String, Object> timeApproval(List<Map<String, Object>> entries) {
        return map("entries", new ArrayList<Object>(entries));
    }

    public static Map<String, Object> acceptance() {
        return map("percentComplete", "100", "accepted", true, "acceptedBy", "EMP-007",
                "acceptedAt", "2026-03-01T12:00:00Z");
    }

    public static Map<String, Object> changeOrder(String number) {
        return map(
                "changeOrderNumber", number,
                "effectiveDate", "2026-06-30",
                "modificationType", "CUMULATIVE_CATCH_UP",
                "lineChanges", list(map("lineNumber", 3, "amountDelta", "150000.00", "estimatedCostDelta", "120000.00")),
                "newLines", list());
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    /** The map at a path of keys and indexes, e.g. {@code at(body, "lines", 0)}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> at(Map<String, Object> body, Object... path) {
        Object node = body;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return (Map<String, Object>) node;
    }
}
