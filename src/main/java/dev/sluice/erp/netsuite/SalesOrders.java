package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contracts as NetSuite sales orders. A contract is the sales order with the contract number
 * as its external id; each contract line one order line (a milestone line one order line per
 * milestone). A change order is a sales order of its own, external id
 * {@code <contract>__<change order>}, holding the amendments as delta lines and the lines it adds:
 * upserting it again changes nothing, so a redelivered change order is never applied twice.
 */
final class SalesOrders {

    static final String SALES_ORDER = "salesorder";

    /** A record ready to upsert, with the paths of its fields mapped to pointers into the request. */
    record Built(ObjectNode body, Map<String, String> pointers) {
    }

    private final NetSuiteClient client;
    private final ObjectMapper json;

    SalesOrders(NetSuiteClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /** Upserts the contract's sales order; its internal id. */
    String upsert(UpsertContract contract, References references) {
        Built built = salesOrder(contract, references);
        return upsert(ExternalIds.of(contract.contractNumber()), built);
    }

    /** Upserts the change order's sales order; its internal id. */
    String amend(AmendContract change, References references) {
        Built built = changeOrder(change, references);
        return upsert(ExternalIds.of(change.contractNumber(), change.changeOrderNumber()), built);
    }

    private String upsert(String externalId, Built built) {
        try {
            // replace=item: the lines sent are all the order's lines, so a re-sent contract drops none twice
            return client.upsert(SALES_ORDER, externalId, "replace=item", built.body());
        } catch (NetSuiteClient.Refusal refusal) {
            throw new Refusals.Refused(Refusals.of(refusal, built.pointers(), ""));
        }
    }

    Built salesOrder(UpsertContract contract, References references) {
        List<Violation> missing = new ArrayList<>();
        String customer = resolve(references.customer(contract.customerNumber()), "/customerNumber",
                "UNKNOWN_CUSTOMER", "customer " + contract.customerNumber(), missing);
        String subsidiary = resolve(references.subsidiary(contract.legalEntity()), "/legalEntity",
                "UNKNOWN_LEGAL_ENTITY", "subsidiary " + contract.legalEntity(), missing);
        String currency = resolve(references.currency(contract.currency()), "/currency", "UNKNOWN_CURRENCY",
                "currency " + contract.currency(), missing);
        Map<String, String> pointers = new HashMap<>(Map.of("entity", "/customerNumber", "subsidiary", "/legalEntity",
                "currency", "/currency", "startDate", "/startDate", "endDate", "/endDate"));
        ArrayNode lines = json.createArrayNode();
        for (int i = 0; i < contract.lines().size(); i++) {
            addLines(lines, contract.lines().get(i), "/lines/" + i, null, references, pointers, missing);
        }
        if (!missing.isEmpty()) {
            throw new Refusals.Unresolved(missing);
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("entity").put("id", customer);
        body.putObject("subsidiary").put("id", subsidiary);
        body.putObject("currency").put("id", currency);
        body.put("otherRefNum", contract.contractNumber());
        putDate(body, "startDate", contract.startDate());
        putDate(body, "endDate", contract.endDate());
        if (contract.description() != null) {
            body.put("memo", contract.description());
        }
        body.putObject("item").set("items", lines);
        return new Built(body, pointers);
    }

    Built changeOrder(AmendContract change, References references) {
        Optional<References.SalesOrder> order = references.salesOrder(change.contractNumber());
        if (order.isEmpty()) {
            throw new Refusals.Unresolved(List.of(new Violation("path:contractNumber", "UNKNOWN_CONTRACT",
                    "NetSuite has no sales order for contract " + change.contractNumber())));
        }
        List<Violation> missing = new ArrayList<>();
        Map<String, String> pointers = new HashMap<>(Map.of("tranDate", "/effectiveDate"));
        ArrayNode lines = json.createArrayNode();
        for (int i = 0; i < change.lineChanges().size(); i++) {
            LineChange delta = change.lineChanges().get(i);
            String at = "/lineChanges/" + i;
            String item = resolve(references.lineItem(change.contractNumber(), delta.lineNumber()), at + "/lineNumber",
                    "UNKNOWN_CONTRACT_LINE", "line " + delta.lineNumber() + " of contract " + change.contractNumber(),
                    missing);
            pointers.put("item.items[" + lines.size() + "]", at);
            pointers.put("item.items[" + lines.size() + "].amount", at + "/amountDelta");
            ObjectNode line = lines.addObject();
            line.putObject("item").put("id", item);
            line.put("quantity", 1);
            BigDecimal amount = delta.amountDelta() == null ? BigDecimal.ZERO : delta.amountDelta();
            line.put("rate", amount);
            line.put("amount", amount);
            if (delta.estimatedCostDelta() != null) {
                line.put("costEstimateType", "CUSTOM");
                line.put("costEstimate", delta.estimatedCostDelta());
            }
            line.put("description", Descriptions.amendment(change.changeOrderNumber(), delta));
            line.put(References.ORDER_LINE, delta.lineNumber());
        }
        for (int i = 0; i < change.newLines().size(); i++) {
            addLines(lines, change.newLines().get(i), "/newLines/" + i, change.changeOrderNumber(), references,
                    pointers, missing);
        }
        if (!missing.isEmpty()) {
            throw new Refusals.Unresolved(missing);
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("entity").put("id", order.get().customer());
        body.putObject("subsidiary").put("id", order.get().subsidiary());
        body.putObject("currency").put("id", order.get().currency());
        body.put("otherRefNum", change.contractNumber());
        putDate(body, "tranDate", change.effectiveDate());
        body.put("memo", Descriptions.changeOrderMemo(change));
        body.putObject("item").set("items", lines);
        return new Built(body, pointers);
    }

    /** One order line per contract line, or per milestone of a milestone line. */
    private void addLines(ArrayNode lines, ContractLineTerms terms, String at, String changeOrder,
            References references, Map<String, String> pointers, List<Violation> missing) {
        String item = resolve(references.item(terms.itemNumber()), at + "/itemNumber", "UNKNOWN_ITEM",
                "item " + terms.itemNumber(), missing);
        if (!terms.milestones().isEmpty()) {
            for (int m = 0; m < terms.milestones().size(); m++) {
                MilestoneTerms milestone = terms.milestones().get(m);
                String milestoneAt = at + "/milestones/" + m;
                ObjectNode line = line(lines, item, terms, milestone.amount(), pointers, at, milestoneAt + "/amount");
                line.put("description", Descriptions.milestoneLine(changeOrder, terms, milestone));
                line.put(References.ORDER_MILESTONE, milestone.milestoneCode());
            }
            return;
        }
        // a time-and-materials line has no fixed amount: its ceiling, if any, is what the order holds
        BigDecimal amount = terms.amount() != null ? terms.amount()
                : terms.notToExceed() != null ? terms.notToExceed() : BigDecimal.ZERO;
        String amountAt = terms.amount() != null ? at + "/amount" : at + "/notToExceed";
        ObjectNode line = line(lines, item, terms, amount, pointers, at, amountAt);
        if (terms.estimatedCost() != null) {
            line.put("costEstimateType", "CUSTOM");
            line.put("costEstimate", terms.estimatedCost());
        }
        line.put("description", Descriptions.line(changeOrder, terms));
    }

    private static ObjectNode line(ArrayNode lines, String item, ContractLineTerms terms, BigDecimal amount,
            Map<String, String> pointers, String at, String amountAt) {
        int index = lines.size();
        pointers.put("item.items[" + index + "]", at);
        pointers.put("item.items[" + index + "].item", at + "/itemNumber");
        pointers.put("item.items[" + index + "].amount", amountAt);
        pointers.put("item.items[" + index + "].rate", amountAt);
        ObjectNode line = lines.addObject();
        line.putObject("item").put("id", item);
        line.put("quantity", 1);
        line.put("rate", amount);
        line.put("amount", amount);
        line.put(References.ORDER_LINE, terms.lineNumber());
        return line;
    }

    static String resolve(Optional<String> id, String pointer, String code, String what, List<Violation> missing) {
        if (id.isEmpty()) {
            missing.add(new Violation(pointer, code, "NetSuite has no " + what));
            return null;
        }
        return id.get();
    }

    private static void putDate(ObjectNode body, String field, java.time.LocalDate date) {
        if (date != null) {
            body.put(field, date.toString());
        }
    }
}
