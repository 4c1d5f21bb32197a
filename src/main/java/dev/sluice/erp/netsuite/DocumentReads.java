package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.TaskTerms;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Contracts and projects read back from NetSuite, as {@link SalesOrders} and
 * {@link Jobs} wrote them. A contract is its sales order ({@code salesorder/eid:<contract>},
 * with its item sublist) and the sales orders of its change orders (found with SuiteQL by
 * {@code otherrefnum} and external id {@code <contract>__<change order>}), the change orders'
 * deltas applied to the lines and the lines they add appended. Internal ids are turned back into
 * business keys with SuiteQL (customer {@code entityid}, subsidiary {@code name}, currency
 * {@code symbol}, item {@code itemid}, employee {@code entityid}). No financial position is read.
 */
final class DocumentReads {

    private static final String EXPAND = "expandSubResources=true";

    private final NetSuiteClient client;
    private final String backend;

    DocumentReads(NetSuiteClient client, String backend) {
        this.client = client;
        this.backend = backend;
    }

    /** One order line this adapter wrote: the contract line it belongs to and what NetSuite holds on it. */
    private record OrderLine(int lineNumber, String itemId, BigDecimal amount, BigDecimal costEstimate,
            String milestone, Optional<LineText.Fields> text) {
    }

    /** A change order's sales order. */
    private record ChangeOrderOrder(String number, JsonNode body) {
    }

    Optional<ContractState> contract(String contractNumber) {
        Optional<JsonNode> found = client.get(SalesOrders.SALES_ORDER, "eid:" + ExternalIds.of(contractNumber),
                EXPAND);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode order = found.get();
        List<ChangeOrderOrder> changeOrders = changeOrders(contractNumber);

        List<OrderLine> own = orderLines(order);
        Set<String> itemIds = new LinkedHashSet<>();
        own.forEach(l -> itemIds.add(l.itemId()));
        Map<String, List<OrderLine>> changeOrderLines = new LinkedHashMap<>();
        for (ChangeOrderOrder co : changeOrders) {
            List<OrderLine> lines = orderLines(co.body());
            lines.forEach(l -> itemIds.add(l.itemId()));
            changeOrderLines.put(co.number(), lines);
        }
        Map<String, String> items = items(itemIds);
        Currency currency = currency(ref(order, "currency"));

        List<ContractState.Line> lines = new ArrayList<>();
        for (List<OrderLine> group : byLine(own).values()) {
            lines.add(new ContractState.Line(terms(group, items, currency), null));
        }
        List<ContractState.ChangeOrder> applied = new ArrayList<>();
        for (ChangeOrderOrder co : changeOrders) {
            apply(co.number(), changeOrderLines.get(co.number()), lines, items, currency);
            applied.add(new ContractState.ChangeOrder(co.number(), date(co.body(), "tranDate"),
                    Descriptions.modificationType(text(co.body(), "memo"), co.number(), contractNumber)
                            // a memo someone rewrote in NetSuite: the type cannot be told; catch-up is ASC 606's default
                            .orElse(ModificationType.CUMULATIVE_CATCH_UP),
                    new ErpReference(backend, SalesOrders.SALES_ORDER, text(co.body(), "id"))));
        }
        return Optional.of(new ContractState(contractNumber,
                key("entityid", "customer", ref(order, "entity")),
                key("name", "subsidiary", ref(order, "subsidiary")),
                currency.symbol(), date(order, "startDate"), date(order, "endDate"), text(order, "memo"),
                closed(order) ? ContractState.Status.CLOSED : ContractState.Status.ACTIVE, lines, applied,
                new ErpReference(backend, SalesOrders.SALES_ORDER, text(order, "id")), null));
    }

    Optional<ProjectState> project(String projectCode) {
        Optional<JsonNode> found = client.get(Jobs.JOB, "eid:" + ExternalIds.of(projectCode), "");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode job = found.get();
        String id = text(job, "id");
        List<TaskTerms> tasks = new ArrayList<>();
        for (JsonNode task : client.queryAll("SELECT externalid, title, nonbillabletask, " + References.TASK_LINE
                + " FROM projecttask WHERE project = " + NetSuiteClient.literal(id) + " AND "
                + References.TASK_LINE + " IS NOT NULL ORDER BY id")) {
            Optional<String> taskCode = ExternalIds.childOf(projectCode, task.path("externalid").asText(""));
            if (taskCode.isPresent()) {
                tasks.add(new TaskTerms(taskCode.get(), text(task, "title"),
                        Integer.parseInt(task.path(References.TASK_LINE).asText()),
                        !flag(task.path("nonbillabletask"))));
            }
        }
        String manager = ref(job, "projectManager");
        return Optional.of(new ProjectState(projectCode, text(job, References.JOB_CONTRACT), text(job, "companyName"),
                manager == null ? null : key("entityid", "employee", manager),
                text(job, "comments"),
                flag(job.path("isInactive")) ? ProjectState.Status.CLOSED : ProjectState.Status.ACTIVE, tasks,
                new ErpReference(backend, Jobs.JOB, id)));
    }

    /** The contract's change orders' sales orders, in the order NetSuite created them. */
    private List<ChangeOrderOrder> changeOrders(String contractNumber) {
        List<ChangeOrderOrder> orders = new ArrayList<>();
        for (JsonNode row : client.queryAll("SELECT t.id, t.externalid FROM transaction t WHERE t.type = 'SalesOrd'"
                + " AND t.otherrefnum = " + NetSuiteClient.literal(contractNumber) + " ORDER BY t.id")) {
            Optional<String> number = ExternalIds.childOf(contractNumber, row.path("externalid").asText(""));
            if (number.isPresent()) {
                // deleted since the query: not a change order any more
                client.get(SalesOrders.SALES_ORDER, row.path("id").asText(), EXPAND)
                        .ifPresent(body -> orders.add(new ChangeOrderOrder(number.get(), body)));
            }
        }
        return orders;
    }

    /** The order's item lines that carry a contract line number; lines added by hand in NetSuite carry none. */
    private static List<OrderLine> orderLines(JsonNode order) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : order.path("item").path("items")) {
            Integer lineNumber = integer(line.get(References.ORDER_LINE));
            if (lineNumber == null) {
                continue;
            }
            BigDecimal cost = "CUSTOM".equalsIgnoreCase(refOrText(line.get("costEstimateType")))
                    ? decimal(line.get("costEstimate")) : null;
            lines.add(new OrderLine(lineNumber, ref(line, "item"), decimal(line.get("amount")), cost,
                    text(line, References.ORDER_MILESTONE), LineText.parse(text(line, "description"))));
        }
        return lines;
    }

    private static Map<Integer, List<OrderLine>> byLine(List<OrderLine> lines) {
        return lines.stream().collect(Collectors.groupingBy(OrderLine::lineNumber, LinkedHashMap::new,
                Collectors.toList()));
    }

    /** A change order applied: its deltas to the lines they amend, then the lines it adds. */
    private static void apply(String changeOrder, List<OrderLine> orderLines, List<ContractState.Line> lines,
            Map<String, String> items, Currency currency) {
        List<OrderLine> added = new ArrayList<>();
        for (OrderLine line : orderLines) {
            boolean delta = line.text().map(t -> t.has(Descriptions.AMENDS))
                    .orElse(lines.stream().anyMatch(l -> l.terms().lineNumber() == line.lineNumber()));
            if (!delta) {
                added.add(line);
                continue;
            }
            BigDecimal notToExceed = line.text().flatMap(t -> Descriptions.decimal(t, Descriptions.NOT_TO_EXCEED_DELTA))
                    .orElse(null);
            LineChange change = new LineChange(line.lineNumber(), currency.amount(line.amount()),
                    currency.amount(line.costEstimate()), notToExceed);
            for (int i = 0; i < lines.size(); i++) {
                ContractState.Line current = lines.get(i);
                if (current.terms().lineNumber() == line.lineNumber()) {
                    lines.set(i, new ContractState.Line(current.terms().amendedBy(change),
                            current.addedByChangeOrder()));
                }
            }
        }
        for (List<OrderLine> group : byLine(added).values()) {
            if (lines.stream().noneMatch(l -> l.terms().lineNumber() == group.get(0).lineNumber())) {
                lines.add(new ContractState.Line(terms(group, items, currency), changeOrder));
            }
        }
    }

    /** A contract line from its order lines (one, or one per milestone). */
    private static ContractLineTerms terms(List<OrderLine> group, Map<String, String> items, Currency currency) {
        OrderLine first = group.get(0);
        LineText.Fields text = first.text().orElse(new LineText.Fields(List.of()));
        List<OrderLine> milestoneLines = group.stream().filter(l -> l.milestone() != null).toList();
        BillingMethod method = Descriptions.billingMethod(text).orElse(
                // not in the adapter's form (edited in NetSuite): what the order shows
                !milestoneLines.isEmpty() ? BillingMethod.FIXED_FEE_MILESTONE
                        : first.costEstimate() != null ? BillingMethod.FIXED_FEE_PERCENT_COMPLETE
                        : BillingMethod.TIME_AND_MATERIALS);
        String description = Descriptions.text(text, Descriptions.DESCRIPTION, 0).orElse(null);
        BigDecimal notToExceed = Descriptions.decimal(text, Descriptions.NOT_TO_EXCEED).orElse(null);
        String item = items.get(first.itemId());
        if (!milestoneLines.isEmpty()) {
            List<MilestoneTerms> milestones = new ArrayList<>();
            BigDecimal total = null;
            for (OrderLine line : milestoneLines) {
                LineText.Fields fields = line.text().orElse(new LineText.Fields(List.of()));
                BigDecimal amount = currency.amount(line.amount());
                total = total == null ? amount : amount == null ? total : total.add(amount);
                milestones.add(new MilestoneTerms(line.milestone(),
                        Descriptions.text(fields, Descriptions.MILESTONE, 1).orElse(null), amount,
                        Descriptions.text(fields, Descriptions.DUE, 0).map(DocumentReads::parseDate).orElse(null)));
            }
            BigDecimal amount = Descriptions.decimal(text, Descriptions.AMOUNT).orElse(total);
            BigDecimal cost = Descriptions.decimal(text, Descriptions.ESTIMATED_COST)
                    .orElse(currency.amount(first.costEstimate()));
            return new ContractLineTerms(first.lineNumber(), item, method, description, Descriptions.rates(text),
                    notToExceed, amount, cost, milestones);
        }
        BigDecimal orderAmount = currency.amount(first.amount());
        String holds = Descriptions.text(text, Descriptions.ORDER_AMOUNT, 0).orElse(Descriptions.AMOUNT);
        BigDecimal amount = Descriptions.AMOUNT.equals(holds) ? orderAmount : null;
        if (Descriptions.NOT_TO_EXCEED.equals(holds)) {
            notToExceed = orderAmount;
        }
        return new ContractLineTerms(first.lineNumber(), item, method, description, Descriptions.rates(text),
                notToExceed, amount, currency.amount(first.costEstimate()), List.of());
    }

    /** Item internal id → item number. */
    private Map<String, String> items(Set<String> ids) {
        Map<String, String> items = new LinkedHashMap<>();
        ids.remove(null);
        if (ids.isEmpty()) {
            return items;
        }
        for (JsonNode row : client.queryAll("SELECT id, itemid FROM item WHERE id IN ("
                + ids.stream().map(NetSuiteClient::literal).collect(Collectors.joining(", ")) + ")")) {
            items.put(row.path("id").asText(), text(row, "itemid"));
        }
        return items;
    }

    /** A currency's code, and its precision, to which amounts read as numbers are scaled. */
    private record Currency(String symbol, int precision) {

        BigDecimal amount(BigDecimal value) {
            if (value == null) {
                return null;
            }
            return value.setScale(Math.max(precision, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
        }
    }

    private Currency currency(String id) {
        if (id == null) {
            return new Currency(null, 2);
        }
        Optional<JsonNode> row = client.first("SELECT symbol, currencyprecision FROM currency WHERE id = "
                + NetSuiteClient.literal(id));
        return new Currency(row.map(r -> text(r, "symbol")).orElse(null),
                row.map(r -> r.path("currencyprecision").asInt(2)).orElse(2));
    }

    /** The business key ({@code column}) of the {@code table} record with internal id {@code id}. */
    private String key(String column, String table, String id) {
        if (id == null) {
            return null;
        }
        return client.first("SELECT " + column + " FROM " + table + " WHERE id = " + NetSuiteClient.literal(id))
                .map(r -> text(r, column)).orElse(null);
    }

    /** A sales order NetSuite shows as closed or cancelled. */
    private static boolean closed(JsonNode order) {
        for (String field : List.of("status", "orderStatus")) {
            JsonNode status = order.get(field);
            if (status == null || status.isNull()) {
                continue;
            }
            List<String> values = status.isObject()
                    ? List.of(status.path("id").asText(""), status.path("refName").asText(""))
                    : List.of(status.asText(""));
            for (String value : values) {
                String v = value.toUpperCase(Locale.ROOT);
                if (v.equals("C") || v.equals("H") || v.startsWith("CLOSED") || v.startsWith("CANCELLED")
                        || v.startsWith("CANCELED")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String ref(JsonNode record, String field) {
        JsonNode ref = record.get(field);
        if (ref == null || ref.isNull()) {
            return null;
        }
        String id = ref.isObject() ? ref.path("id").asText("") : ref.asText("");
        return id.isEmpty() ? null : id;
    }

    private static String refOrText(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isObject() ? node.path("id").asText("") : node.asText("");
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asText().isEmpty() ? null : Descriptions.decimal(value.asText()).orElse(null);
    }

    private static Integer integer(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.intValue();
        }
        try {
            return Integer.valueOf(value.asText().strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** A checkbox: a JSON boolean from REST, {@code T}/{@code F} from SuiteQL. */
    private static boolean flag(JsonNode value) {
        return value != null && (value.asBoolean(false) || "T".equals(value.asText()));
    }

    private static LocalDate date(JsonNode record, String field) {
        String value = text(record, field);
        return value == null ? null : parseDate(value);
    }

    private static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
