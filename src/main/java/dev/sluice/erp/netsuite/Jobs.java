package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.UpsertProject;
import dev.sluice.domain.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Projects as NetSuite projects ({@code job}, external id = project code) under the contract's
 * customer, their tasks as project tasks (external id {@code <project>__<task>}), and milestone
 * progress as a milestone task of the project (external id {@code <project>__<milestone>}).
 * NetSuite bills the milestone from there, by the project's billing schedule: it stays the
 * system of record for invoicing.
 */
final class Jobs {

    static final String JOB = "job";
    static final String TASK = "projecttask";

    private final NetSuiteClient client;
    private final ObjectMapper json;
    private final String backend;

    Jobs(NetSuiteClient client, ObjectMapper json, String backend) {
        this.client = client;
        this.json = json;
        this.backend = backend;
    }

    List<ErpReference> upsert(UpsertProject project, References references) {
        List<Violation> missing = new ArrayList<>();
        String customer = references.salesOrder(project.contractNumber()).map(References.SalesOrder::customer)
                .orElse(null);
        if (customer == null) {
            missing.add(new Violation("/contractNumber", "UNKNOWN_CONTRACT", "NetSuite has no sales order for contract "
                    + project.contractNumber()));
        }
        String manager = project.projectManager() == null ? null
                : SalesOrders.resolve(references.employee(project.projectManager()), "/projectManager",
                        "UNKNOWN_EMPLOYEE", "employee " + project.projectManager(), missing);
        if (!missing.isEmpty()) {
            throw new Refusals.Unresolved(missing);
        }
        ObjectNode job = json.createObjectNode();
        job.put("entityId", project.projectCode());
        job.put("companyName", project.name());
        job.putObject("parent").put("id", customer);
        if (manager != null) {
            job.putObject("projectManager").put("id", manager);
        }
        if (project.description() != null) {
            job.put("comments", project.description());
        }
        job.put(References.JOB_CONTRACT, project.contractNumber());
        String jobId = upsert(JOB, ExternalIds.of(project.projectCode()), job, Map.of("parent", "/contractNumber",
                "projectManager", "/projectManager", "companyName", "/name", "entityId", "/projectCode"), "");
        List<ErpReference> posted = new ArrayList<>();
        posted.add(new ErpReference(backend, JOB, jobId));
        for (int i = 0; i < project.tasks().size(); i++) {
            TaskTerms task = project.tasks().get(i);
            ObjectNode body = json.createObjectNode();
            body.putObject("company").put("id", jobId);
            body.put("title", task.name() == null ? task.taskCode() : task.name());
            body.put("nonBillableTask", !task.billable());
            body.put(References.TASK_LINE, task.contractLine());
            String at = "/tasks/" + i;
            String taskId = upsert(TASK, ExternalIds.of(project.projectCode(), task.taskCode()), body,
                    Map.of("title", at + "/name", References.TASK_LINE, at + "/contractLine"), at);
            posted.add(new ErpReference(backend, TASK, taskId));
        }
        return posted;
    }

    ErpReference complete(CompleteMilestone completion, References references) {
        References.Job job = references.job(completion.projectCode()).orElseThrow(() -> new Refusals.Unresolved(
                List.of(new Violation("path:projectCode", "UNKNOWN_PROJECT", "NetSuite has no project "
                        + completion.projectCode()))));
        ObjectNode body = json.createObjectNode();
        body.putObject("company").put("id", job.id());
        body.put("title", completion.milestoneCode());
        // no estimated work: NetSuite keeps the task as a milestone
        body.put("status", status(completion));
        if (completion.accepted() && completion.acceptedAt() != null) {
            body.put("finishByDate", completion.acceptedAt().toLocalDate().toString());
        }
        body.put("message", progress(completion));
        String id = upsert(TASK, ExternalIds.of(completion.projectCode(), completion.milestoneCode()), body,
                Map.of("status", "/percentComplete", "finishByDate", "/acceptedAt"), "");
        return new ErpReference(backend, TASK, id);
    }

    private String upsert(String type, String externalId, ObjectNode body, Map<String, String> pointers, String base) {
        try {
            return client.upsert(type, externalId, "", body);
        } catch (NetSuiteClient.Refusal refusal) {
            throw new Refusals.Refused(Refusals.of(refusal, pointers, base));
        }
    }

    private static String status(CompleteMilestone completion) {
        BigDecimal percent = completion.percentComplete() == null ? BigDecimal.ZERO : completion.percentComplete();
        if (completion.accepted() || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            return "COMPLETE";
        }
        return percent.signum() > 0 ? "PROGRESS" : "NOTSTART";
    }

    private static String progress(CompleteMilestone completion) {
        StringBuilder text = new StringBuilder();
        if (completion.percentComplete() != null) {
            text.append(completion.percentComplete().toPlainString()).append("% complete");
        }
        if (completion.accepted()) {
            text.append(text.isEmpty() ? "" : "; ").append("accepted");
            if (completion.acceptedBy() != null) {
                text.append(" by ").append(completion.acceptedBy());
            }
            if (completion.acceptedAt() != null) {
                text.append(" at ").append(completion.acceptedAt());
            }
        }
        if (completion.note() != null) {
            text.append(text.isEmpty() ? "" : "; ").append(completion.note());
        }
        return text.toString();
    }
}
