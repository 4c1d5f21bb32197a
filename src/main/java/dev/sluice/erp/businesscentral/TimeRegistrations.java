package dev.sluice.erp.businesscentral;

import static dev.sluice.erp.businesscentral.BcSchema.Field.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.Violation;
import dev.sluice.erp.PostingOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Approved time as Business Central time registration entries (employee, project, task, date,
 * hours). BC's entry has no field for an external reference, so a redelivery is recognised by
 * content: an entry already in BC with the same employee, project, task, date and hours stands
 * for one of ours, each at most once.
 */
final class TimeRegistrations {

    static final String ENTRY = "TIME_REGISTRATION_ENTRY";

    private final BcClient client;
    private final String backend;

    TimeRegistrations(BcClient client, String backend) {
        this.client = client;
        this.backend = backend;
    }

    PostingOutcome approve(ApproveTime batch) {
        List<TimeEntry> entries = batch.entries();
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).version() > 1) {
                // nothing in BC's entry names the version it would supersede, so it cannot be found to correct
                problems.add(new Violation("/entries/" + i + "/version", "CORRECTION_NOT_SUPPORTED",
                        "Business Central's time registration entries carry no external id, so a correction cannot"
                                + " find the entry it supersedes; correct it in Business Central"));
            }
        }
        if (!problems.isEmpty()) {
            return new PostingOutcome.Refused("Business Central cannot apply time corrections", problems);
        }
        Map<String, List<Integer>> byProject = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            byProject.computeIfAbsent(entries.get(i).projectCode(), p -> new ArrayList<>()).add(i);
        }
        ErpReference[] references = new ErpReference[entries.size()];
        byProject.forEach((project, indexes) -> {
            List<JsonNode> unclaimed = new ArrayList<>(existing(project, indexes.stream().map(entries::get).toList()));
            for (int i : indexes) {
                TimeEntry entry = entries.get(i);
                JsonNode match = unclaimed.stream().filter(e -> same(e, entry)).findFirst().orElse(null);
                if (match != null) {
                    unclaimed.remove(match);
                } else {
                    match = create(entry, "/entries/" + i);
                }
                references[i] = new ErpReference(backend, ENTRY, match.path(TIME_ID.property()).asText());
            }
        });
        return new PostingOutcome.Posted(List.of(references));
    }

    /** Entries BC already has on the project over the dates these entries span. */
    private List<JsonNode> existing(String project, List<TimeEntry> entries) {
        LocalDate from = entries.stream().map(TimeEntry::workDate).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = entries.stream().map(TimeEntry::workDate).max(Comparator.naturalOrder()).orElseThrow();
        return client.all(BcSchema.EntitySet.TIME_REGISTRATION_ENTRIES.path(), ODataQuery.where(ODataQuery.and(
                ODataQuery.eq(TIME_JOB_NUMBER, project), ODataQuery.between(TIME_DATE, from, to))));
    }

    private JsonNode create(TimeEntry entry, String pointer) {
        EntityBody body = new EntityBody(BcSchema.EntitySet.TIME_REGISTRATION_ENTRIES)
                .put(TIME_EMPLOYEE_NUMBER, entry.employeeNumber())
                .put(TIME_JOB_NUMBER, entry.projectCode());
        if (entry.taskCode() != null) {
            body.put(TIME_JOB_TASK_NUMBER, entry.taskCode());
        }
        body.put(TIME_DATE, entry.workDate()).put(TIME_QUANTITY, entry.hours());
        try {
            return client.create(body);
        } catch (BcRefusal refusal) {
            throw RefusedPosting.of(refusal, pointer);
        }
    }

    private static boolean same(JsonNode existing, TimeEntry entry) {
        String task = MasterDataMapping.text(existing, TIME_JOB_TASK_NUMBER);
        JsonNode quantity = existing.path(TIME_QUANTITY.property());
        return MasterDataMapping.text(existing, TIME_EMPLOYEE_NUMBER).equals(entry.employeeNumber())
                && Objects.equals(task.isEmpty() ? null : task, entry.taskCode())
                && MasterDataMapping.text(existing, TIME_DATE).equals(entry.workDate().toString())
                && quantity.isNumber() && quantity.decimalValue().compareTo(entry.hours()) == 0;
    }
}
