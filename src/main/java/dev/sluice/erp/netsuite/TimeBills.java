package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.Violation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Approved time as NetSuite time transactions ({@code timebill}), one per entry version, external
 * id {@code <entry>__v<version>}: the same version again is the same upsert and changes nothing.
 * A correction (a higher version) posts its own time bill, then deletes the versions it
 * supersedes. Every reference of the batch is looked up before anything is written, so an unknown
 * employee or task refuses the batch without posting part of it.
 */
final class TimeBills {

    static final String TIME_BILL = "timebill";
    /** NetSuite's approval status list: 2 is Approved. */
    static final String APPROVED = "2";

    /** An entry with the internal ids its time bill refers to. */
    private record Resolved(TimeEntry entry, String at, String employee, String job, String task, String item) {
    }

    private final NetSuiteClient client;
    private final ObjectMapper json;
    private final String backend;

    TimeBills(NetSuiteClient client, ObjectMapper json, String backend) {
        this.client = client;
        this.json = json;
        this.backend = backend;
    }

    List<ErpReference> approve(ApproveTime batch, References references) {
        List<Violation> missing = new ArrayList<>();
        List<Resolved> resolved = new ArrayList<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            resolve(batch.entries().get(i), "/entries/" + i, references, missing).ifPresent(resolved::add);
        }
        if (!missing.isEmpty()) {
            throw new Refusals.Unresolved(missing);
        }
        List<ErpReference> posted = new ArrayList<>();
        for (Resolved entry : resolved) {
            posted.add(new ErpReference(backend, TIME_BILL, post(entry)));
            supersede(entry.entry(), entry.at());
        }
        return posted;
    }

    private Optional<Resolved> resolve(TimeEntry entry, String at, References references, List<Violation> missing) {
        int before = missing.size();
        String employee = SalesOrders.resolve(references.employee(entry.employeeNumber()), at + "/employeeNumber",
                "UNKNOWN_EMPLOYEE", "employee " + entry.employeeNumber(), missing);
        Optional<References.Job> job = references.job(entry.projectCode());
        if (job.isEmpty()) {
            missing.add(new Violation(at + "/projectCode", "UNKNOWN_PROJECT", "NetSuite has no project "
                    + entry.projectCode()));
            return Optional.empty();
        }
        Optional<References.Task> task = references.task(entry.projectCode(), entry.taskCode());
        if (task.isEmpty()) {
            missing.add(new Violation(at + "/taskCode", "UNKNOWN_TASK", "NetSuite has no task " + entry.taskCode()
                    + " on project " + entry.projectCode()));
            return Optional.empty();
        }
        String item = null;
        if (job.get().contractNumber() != null && task.get().contractLine() != null) {
            item = references.lineItem(job.get().contractNumber(), task.get().contractLine()).orElse(null);
        }
        if (item == null) {
            missing.add(new Violation(at + "/taskCode", "UNKNOWN_CONTRACT_LINE", "NetSuite has no service item for the"
                    + " contract line of task " + entry.taskCode() + " on project " + entry.projectCode()));
        }
        if (missing.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Resolved(entry, at, employee, job.get().id(), task.get().id(), item));
    }

    private String post(Resolved resolved) {
        TimeEntry entry = resolved.entry();
        ObjectNode body = json.createObjectNode();
        body.putObject("employee").put("id", resolved.employee());
        body.putObject("customer").put("id", resolved.job());
        body.putObject("caseTaskEvent").put("id", resolved.task());
        body.putObject("item").put("id", resolved.item());
        body.put("tranDate", entry.workDate().toString());
        body.put("hours", duration(entry.hours()));
        body.put("isBillable", entry.billable());
        body.putObject("approvalStatus").put("id", APPROVED);
        body.put("memo", memo(entry));
        String at = resolved.at();
        Map<String, String> pointers = Map.of("employee", at + "/employeeNumber", "customer", at + "/projectCode",
                "caseTaskEvent", at + "/taskCode", "item", at + "/taskCode", "tranDate", at + "/workDate",
                "hours", at + "/hours", "isBillable", at + "/billable");
        try {
            return client.upsert(TIME_BILL, ExternalIds.timeEntry(entry.externalId(), entry.version()), "", body);
        } catch (NetSuiteClient.Refusal refusal) {
            throw new Refusals.Refused(Refusals.of(refusal, pointers, at));
        }
    }

    /** Deletes the time bills of earlier versions of the entry, where NetSuite still has them. */
    private void supersede(TimeEntry entry, String at) {
        if (entry.version() <= 1) {
            return;
        }
        String earlier = IntStream.range(1, entry.version())
                .mapToObj(v -> NetSuiteClient.literal(ExternalIds.timeEntry(entry.externalId(), v)))
                .collect(Collectors.joining(", "));
        for (JsonNode row : client.queryAll("SELECT id FROM timebill WHERE externalid IN (" + earlier + ")")) {
            try {
                client.delete(TIME_BILL, row.path("id").asText());
            } catch (NetSuiteClient.Refusal refusal) {
                // billed time cannot be deleted: NetSuite says why, and the correction waits for a person
                throw new Refusals.Refused(Refusals.of(refusal, Map.of(), at));
            }
        }
    }

    /** NetSuite's duration, {@code H:MM}, to the nearest minute. */
    static String duration(BigDecimal hours) {
        long minutes = hours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return (minutes / 60) + ":" + String.format("%02d", minutes % 60);
    }

    private static String memo(TimeEntry entry) {
        StringBuilder memo = new StringBuilder();
        if (entry.description() != null) {
            memo.append(entry.description()).append(" ");
        }
        memo.append("[").append(entry.externalId()).append(" v").append(entry.version());
        if (entry.role() != null) {
            memo.append(", ").append(entry.role());
        }
        if (entry.approvedBy() != null) {
            memo.append(", approved by ").append(entry.approvedBy());
        }
        if (entry.approvedAt() != null) {
            memo.append(" at ").append(entry.approvedAt());
        }
        return memo.append("]").toString();
    }
}
