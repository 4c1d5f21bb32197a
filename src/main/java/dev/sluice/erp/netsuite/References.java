package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * NetSuite's internal ids of the records a write refers to, looked up by business key with
 * SuiteQL (REST takes references by internal id). One instance serves one delivery, so a key
 * repeated in a time batch is looked up once.
 */
final class References {

    /** The custom field on a project (job) holding its contract number. */
    static final String JOB_CONTRACT = "custentity_sluice_contract";
    /** The custom field on a project task holding the contract line it is charged to. */
    static final String TASK_LINE = "custevent_sluice_contract_line";
    /** The custom column on sales order lines holding the contract line number. */
    static final String ORDER_LINE = "custcol_sluice_contract_line";
    /** The custom column on sales order lines holding the milestone code, on milestone lines. */
    static final String ORDER_MILESTONE = "custcol_sluice_milestone";

    /** A contract's sales order: its id and the customer, subsidiary and currency it is for. */
    record SalesOrder(String id, String customer, String subsidiary, String currency) {
    }

    /** A project's job and the contract it is linked to. */
    record Job(String id, String contractNumber) {
    }

    /** A project task and the contract line it is charged to. */
    record Task(String id, Integer contractLine) {
    }

    private final NetSuiteClient client;
    private final Map<String, Optional<JsonNode>> seen = new HashMap<>();

    References(NetSuiteClient client) {
        this.client = client;
    }

    Optional<String> customer(String customerNumber) {
        return id("SELECT id FROM customer WHERE entityid = " + NetSuiteClient.literal(customerNumber));
    }

    Optional<String> employee(String employeeNumber) {
        return id("SELECT id FROM employee WHERE entityid = " + NetSuiteClient.literal(employeeNumber));
    }

    Optional<String> subsidiary(String legalEntity) {
        return id("SELECT id FROM subsidiary WHERE name = " + NetSuiteClient.literal(legalEntity));
    }

    Optional<String> currency(String code) {
        return id("SELECT id FROM currency WHERE symbol = " + NetSuiteClient.literal(code));
    }

    Optional<String> item(String itemNumber) {
        return id("SELECT id FROM item WHERE itemid = " + NetSuiteClient.literal(itemNumber));
    }

    Optional<SalesOrder> salesOrder(String contractNumber) {
        return row("SELECT t.id, t.entity, t.currency, tl.subsidiary FROM transaction t JOIN transactionline tl"
                + " ON tl.transaction = t.id AND tl.mainline = 'T' WHERE t.type = 'SalesOrd' AND t.externalid = "
                + NetSuiteClient.literal(ExternalIds.of(contractNumber)))
                .map(r -> new SalesOrder(r.path("id").asText(), r.path("entity").asText(),
                        r.path("subsidiary").asText(), r.path("currency").asText()));
    }

    Optional<Job> job(String projectCode) {
        return row("SELECT id, " + JOB_CONTRACT + " FROM job WHERE externalid = "
                + NetSuiteClient.literal(ExternalIds.of(projectCode)))
                .map(r -> new Job(r.path("id").asText(), r.path(JOB_CONTRACT).asText(null)));
    }

    Optional<Task> task(String projectCode, String taskCode) {
        return row("SELECT id, " + TASK_LINE + " FROM projecttask WHERE externalid = "
                + NetSuiteClient.literal(ExternalIds.of(projectCode, taskCode)))
                .map(r -> new Task(r.path("id").asText(),
                        r.hasNonNull(TASK_LINE) ? Integer.valueOf(r.path(TASK_LINE).asText()) : null));
    }

    /**
     * The item of a contract line, from the contract's sales orders (its own, and those of change
     * orders that added lines), all of which carry the contract number as {@code otherrefnum}.
     */
    Optional<String> lineItem(String contractNumber, int lineNumber) {
        return row("SELECT tl.item FROM transactionline tl JOIN transaction t ON t.id = tl.transaction"
                + " WHERE t.type = 'SalesOrd' AND t.otherrefnum = " + NetSuiteClient.literal(contractNumber)
                + " AND tl." + ORDER_LINE + " = " + lineNumber + " ORDER BY t.id")
                .map(r -> r.path("item").asText());
    }

    private Optional<String> id(String query) {
        return row(query).map(r -> r.path("id").asText());
    }

    private Optional<JsonNode> row(String query) {
        return seen.computeIfAbsent(query, client::first);
    }
}
