package dev.sluice.erp.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.AmendContract;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.RoleRate;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.UpsertContract;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetSuiteReadsTest {

    private static final String RECORDS = "/services/rest/record/v1/";
    private static final String ORDER = RECORDS + "salesorder/eid:C-1001?expandSubResources=true";
    private static final String CHANGE_ORDER = RECORDS + "salesorder/9002?expandSubResources=true";
    private static final String JOB = RECORDS + "job/eid:P-1001";

    private final ObjectMapper json = new ObjectMapper();
    private NetSuiteFixture netsuite;
    private NetSuiteErp adapter;

    @BeforeEach
    void start() {
        netsuite = new NetSuiteFixture();
        netsuite.issues("token-1");
        adapter = netsuite.adapter();
    }

    @AfterEach
    void stop() {
        netsuite.close();
    }

    private static String resource(String name) {
        try (InputStream in = NetSuiteReadsTest.class.getResourceAsStream("/erp/netsuite/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    private void answers(String url, int status, String body) {
        netsuite.server.stubFor(get(urlEqualTo(url)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", status == 200 ? "application/vnd.oracle.resource+json; type=singular-resource"
                        : "application/vnd.oracle.resource+json; type=error")
                .withBody(body)));
    }

    /** SuiteQL's answers to the reverse look-ups of the records the orders refer to. */
    private void keys() {
        netsuite.suiteQl("SELECT entityid FROM customer WHERE id = '41'", "[{\"entityid\":\"CUST-001\"}]");
        netsuite.suiteQl("SELECT name FROM subsidiary WHERE id = '1'", "[{\"name\":\"US01\"}]");
        netsuite.suiteQl("FROM currency WHERE id = '2'", "[{\"symbol\":\"USD\",\"currencyprecision\":\"2\"}]");
        netsuite.suiteQl("FROM item WHERE id IN (", """
                [{"id":"501","itemid":"SVC-TM"},{"id":"502","itemid":"SVC-FF"},{"id":"503","itemid":"SVC-PC"},
                 {"id":"900","itemid":"SHIP"}]""");
    }

    private void changeOrderRows(String rows) {
        netsuite.suiteQl("t.otherrefnum = 'C-1001' ORDER BY t.id", rows);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aContractIsItsSalesOrderWithItsChangeOrdersApplied() {
        keys();
        answers(ORDER, 200, resource("salesorder-C-1001.json"));
        answers(CHANGE_ORDER, 200, resource("salesorder-C-1001__CO-1.json"));
        changeOrderRows("""
                [{"id":"9001","externalid":"C-1001"},{"id":"9002","externalid":"C-1001__CO-1"},
                 {"id":"9050","externalid":"C-1001-OTHER"}]""");

        ContractState contract = adapter.findContract("C-1001").orElseThrow();

        assertThat(contract.contractNumber()).isEqualTo("C-1001");
        assertThat(contract.customerNumber()).isEqualTo("CUST-001");
        assertThat(contract.legalEntity()).isEqualTo("US01");
        assertThat(contract.currency()).isEqualTo("USD");
        assertThat(contract.startDate()).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(contract.endDate()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(contract.description()).isEqualTo("ERP roll-out");
        assertThat(contract.status()).isEqualTo(ContractState.Status.ACTIVE);
        assertThat(contract.reference()).isEqualTo(new ErpReference("netsuite-test", "salesorder", "9001"));
        assertThat(contract.position()).isNull();
        assertThat(contract.lines()).containsExactly(
                new ContractState.Line(new ContractLineTerms(1, "SVC-TM", BillingMethod.TIME_AND_MATERIALS,
                        "Build, test | deploy", List.of(new RoleRate("CONSULTANT", d("150.00")),
                                new RoleRate("SENIOR ARCHITECT", d("210.50"))),
                        d("120000.00"), null, null, List.of()), null),
                new ContractState.Line(new ContractLineTerms(2, "SVC-FF", BillingMethod.FIXED_FEE_MILESTONE, null,
                        List.of(), null, d("50000.00"), null, List.of(
                                new MilestoneTerms("M1", "Design", d("20000.00"), LocalDate.parse("2026-03-31")),
                                new MilestoneTerms("M2", "Go live", d("30000.00"), null))), null),
                new ContractState.Line(new ContractLineTerms(3, "SVC-PC", BillingMethod.FIXED_FEE_PERCENT_COMPLETE,
                        null, List.of(), null, d("45000.00"), d("28000.00"), List.of()), null),
                new ContractState.Line(new ContractLineTerms(4, "SVC-TM", BillingMethod.TIME_AND_MATERIALS, null,
                        List.of(new RoleRate("CONSULTANT", d("160.00"))), null, d("12000.00"), null, List.of()),
                        "CO-1"));
        assertThat(contract.changeOrders()).containsExactly(new ContractState.ChangeOrder("CO-1",
                LocalDate.parse("2026-06-30"), ModificationType.PROSPECTIVE,
                new ErpReference("netsuite-test", "salesorder", "9002")));
    }

    @Test
    void aContractNetSuiteDoesNotHaveIsEmpty() {
        answers(ORDER, 404, resource("not-found.json"));

        assertThat(adapter.findContract("C-1001")).isEmpty();
        netsuite.server.verify(0, postRequestedFor(urlPathEqualTo(NetSuiteClient.SUITEQL)));
    }

    @Test
    void aClosedSalesOrderIsAClosedContract() {
        keys();
        changeOrderRows("[]");
        answers(ORDER, 200, resource("salesorder-C-1001.json")
                .replace("\"orderStatus\": {\"id\": \"B\", \"refName\": \"Pending Fulfillment\"}",
                        "\"orderStatus\": {\"id\": \"H\", \"refName\": \"Closed\"}"));

        ContractState contract = adapter.findContract("C-1001").orElseThrow();

        assertThat(contract.status()).isEqualTo(ContractState.Status.CLOSED);
        assertThat(contract.changeOrders()).isEmpty();
        assertThat(contract.line(1).orElseThrow().terms().notToExceed()).isEqualTo(d("100000.00"));
    }

    @Test
    void aContractReadWhileNetSuiteFailsIsUnavailable() {
        answers(ORDER, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");

        assertThatThrownBy(() -> adapter.findContract("C-1001")).isInstanceOf(ErpUnavailableException.class);
    }

    @Test
    void aContractReadTheRoleMayNotMakeIsAccessDenied() {
        answers(ORDER, 403, "{\"title\":\"Forbidden\",\"status\":403,\"o:errorDetails\":[{\"detail\":"
                + "\"Permission Violation: You need the 'Transactions -> Sales Order' permission\","
                + "\"o:errorCode\":\"INSUFFICIENT_PERMISSION\"}]}");

        assertThatThrownBy(() -> adapter.findContract("C-1001")).isInstanceOf(ErpAccessDeniedException.class)
                .hasMessageContaining("Sales Order");
    }

    @Test
    void aProjectIsItsJobWithItsTasksAndManager() {
        answers(JOB, 200, resource("job-P-1001.json"));
        netsuite.suiteQl("SELECT entityid FROM employee WHERE id = '77'", "[{\"entityid\":\"EMP-007\"}]");
        netsuite.suiteQl("FROM projecttask WHERE project = '3001'", """
                [{"externalid":"P-1001__T1","title":"Build","nonbillabletask":"F","custevent_sluice_contract_line":"1"},
                 {"externalid":"P-1001__T_5F2","title":"Travel","nonbillabletask":"T","custevent_sluice_contract_line":"3"},
                 {"externalid":"OTHER__T9","title":"Not ours","nonbillabletask":"F","custevent_sluice_contract_line":"1"}]""");

        ProjectState project = adapter.findProject("P-1001").orElseThrow();

        assertThat(project).isEqualTo(new ProjectState("P-1001", "C-1001", "ERP roll-out", "EMP-007", "Phase one",
                ProjectState.Status.ACTIVE, List.of(new TaskTerms("T1", "Build", 1, true),
                        new TaskTerms("T_2", "Travel", 3, false)),
                new ErpReference("netsuite-test", "job", "3001")));
    }

    @Test
    void aProjectNetSuiteDoesNotHaveIsEmpty() {
        answers(JOB, 404, resource("not-found.json"));

        assertThat(adapter.findProject("P-1001")).isEmpty();
        netsuite.server.verify(0, postRequestedFor(urlPathEqualTo(NetSuiteClient.SUITEQL)));
    }

    @Test
    void anInactiveJobWithoutManagerIsAClosedProject() {
        answers(JOB, 200, resource("job-P-1001.json").replace("\"isInactive\": false", "\"isInactive\": true")
                .replace("\"projectManager\": {\"links\": [], \"id\": \"77\", \"refName\": \"Jane Doe\"},", ""));
        netsuite.suiteQl("FROM projecttask WHERE project = '3001'", "[]");

        ProjectState project = adapter.findProject("P-1001").orElseThrow();

        assertThat(project.status()).isEqualTo(ProjectState.Status.CLOSED);
        assertThat(project.projectManager()).isNull();
        assertThat(project.tasks()).isEmpty();
    }

    /** A contract whose terms exercise every way the adapter writes a line. */
    static UpsertContract roundTripContract() {
        return new UpsertContract("C-1001", "CUST-001", "US01", "USD", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), "ERP roll-out \"2026\"", List.of(
                        new ContractLineTerms(1, "SVC-TM", BillingMethod.TIME_AND_MATERIALS,
                                "Build \"phase\" | 2 — café\nsecond line", List.of(
                                        new RoleRate("CONSULTANT", d("150.00")),
                                        new RoleRate("SENIOR ARCHITECT", d("210.5"))),
                                d("100000.00"), null, null, List.of()),
                        new ContractLineTerms(2, "SVC-FF", BillingMethod.FIXED_FEE_MILESTONE, null, List.of(), null,
                                d("50000.00"), null, List.of(
                                        new MilestoneTerms("M1", "Design | spec", d("20000.00"),
                                                LocalDate.parse("2026-03-31")),
                                        new MilestoneTerms("M2", null, d("30000.00"), null))),
                        new ContractLineTerms(3, "SVC-PC", BillingMethod.FIXED_FEE_PERCENT_COMPLETE, "", List.of(),
                                null, d("40000.00"), d("25000.00"), List.of()),
                        new ContractLineTerms(4, "SVC-TM", BillingMethod.TIME_AND_MATERIALS, null,
                                List.of(new RoleRate("CONSULTANT", d("140.00"))), d("9000.00"), d("8000.00"), null,
                                List.of()),
                        new ContractLineTerms(5, "SVC-TM", BillingMethod.TIME_AND_MATERIALS, null,
                                List.of(new RoleRate("|", d("1.00"))), null, null, null, List.of())));
    }

    static AmendContract roundTripChangeOrder() {
        return new AmendContract("C-1001", "CO_1 (a)", LocalDate.parse("2026-06-30"),
                ModificationType.SEPARATE_CONTRACT, "more (scope)", List.of(
                        new LineChange(1, null, null, d("20000.00")),
                        new LineChange(3, d("5000.00"), d("3000.00"), null)),
                List.of(new ContractLineTerms(6, "SVC-PC", BillingMethod.FIXED_FEE_PERCENT_COMPLETE, "added",
                        List.of(), null, d("1000.00"), d("500.00"), List.of())));
    }

    @Test
    void aContractWrittenThroughTheAdapterReadsBackWithTheSameTerms() throws IOException {
        netsuite.suiteQl("FROM customer WHERE entityid = 'CUST-001'", "[{\"id\":\"41\"}]");
        netsuite.suiteQl("FROM subsidiary WHERE name = 'US01'", "[{\"id\":\"1\"}]");
        netsuite.suiteQl("FROM currency WHERE symbol = 'USD'", "[{\"id\":\"2\"}]");
        netsuite.suiteQl("FROM item WHERE itemid = 'SVC-TM'", "[{\"id\":\"501\"}]");
        netsuite.suiteQl("FROM item WHERE itemid = 'SVC-FF'", "[{\"id\":\"502\"}]");
        netsuite.suiteQl("FROM item WHERE itemid = 'SVC-PC'", "[{\"id\":\"503\"}]");
        netsuite.suiteQl("type = 'SalesOrd' AND t.externalid = 'C-1001'",
                "[{\"id\":\"9001\",\"entity\":\"41\",\"currency\":\"2\",\"subsidiary\":\"1\"}]");
        netsuite.suiteQl("t.otherrefnum = 'C-1001' AND tl.custcol_sluice_contract_line = 1", "[{\"item\":\"501\"}]");
        netsuite.suiteQl("t.otherrefnum = 'C-1001' AND tl.custcol_sluice_contract_line = 3", "[{\"item\":\"503\"}]");
        String coExternalId = ExternalIds.of("C-1001", "CO_1 (a)");
        String orderPut = RECORDS + "salesorder/eid:C-1001?replace=item";
        String changeOrderPut = RECORDS + "salesorder/eid:" + coExternalId + "?replace=item";
        for (String[] upsert : new String[][] {{orderPut, "9001"}, {changeOrderPut, "9002"}}) {
            netsuite.server.stubFor(put(urlEqualTo(upsert[0])).willReturn(aResponse().withStatus(204)
                    .withHeader("Location", netsuite.server.baseUrl() + RECORDS + "salesorder/" + upsert[1])));
        }
        UpsertContract written = roundTripContract();
        AmendContract change = roundTripChangeOrder();
        assertThat(adapter.post(delivery(written))).isInstanceOf(PostingOutcome.Posted.class);
        assertThat(adapter.post(delivery(change))).isInstanceOf(PostingOutcome.Posted.class);

        keys();
        answers(ORDER, 200, asNetSuiteAnswers(sent(orderPut), "9001"));
        answers(CHANGE_ORDER, 200, asNetSuiteAnswers(sent(changeOrderPut), "9002"));
        changeOrderRows("[{\"id\":\"9001\",\"externalid\":\"C-1001\"},{\"id\":\"9002\",\"externalid\":\""
                + coExternalId + "\"}]");

        ContractState read = adapter.findContract("C-1001").orElseThrow();

        List<ContractLineTerms> expected = new java.util.ArrayList<>();
        for (ContractLineTerms line : written.lines()) {
            ContractLineTerms amended = line;
            for (LineChange delta : change.lineChanges()) {
                if (delta.lineNumber() == line.lineNumber()) {
                    amended = amended.amendedBy(delta);
                }
            }
            expected.add(amended);
        }
        assertThat(read.lines().subList(0, 5)).extracting(ContractState.Line::terms)
                .containsExactlyElementsOf(expected);
        assertThat(read.lines().subList(0, 5)).extracting(ContractState.Line::addedByChangeOrder).containsOnlyNulls();
        assertThat(read.lines().get(5)).isEqualTo(new ContractState.Line(change.newLines().get(0), "CO_1 (a)"));
        assertThat(read.lines()).hasSize(6);
        assertThat(read.changeOrders()).containsExactly(new ContractState.ChangeOrder("CO_1 (a)",
                LocalDate.parse("2026-06-30"), ModificationType.SEPARATE_CONTRACT,
                new ErpReference("netsuite-test", "salesorder", "9002")));
        assertThat(read).extracting(ContractState::customerNumber, ContractState::legalEntity, ContractState::currency,
                ContractState::startDate, ContractState::endDate, ContractState::description)
                .containsExactly(written.customerNumber(), written.legalEntity(), written.currency(),
                        written.startDate(), written.endDate(), written.description());
    }

    private static Delivery delivery(dev.sluice.domain.Command command) {
        return new Delivery(UUID.randomUUID(), "1", command, "corr", null);
    }

    private ObjectNode sent(String url) throws IOException {
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> puts =
                netsuite.server.findAll(putRequestedFor(urlEqualTo(url)));
        assertThat(puts).hasSize(1);
        return (ObjectNode) json.readTree(puts.get(0).getBodyAsString());
    }

    /**
     * The record as NetSuite's GET answers it: with its internal id and links, references with a
     * {@code refName}, numbers as NetSuite prints them (floating point), select values as objects,
     * and each item line numbered.
     */
    private String asNetSuiteAnswers(ObjectNode sent, String id) {
        ObjectNode record = json.createObjectNode();
        record.putArray("links").addObject().put("rel", "self").put("href", RECORDS + "salesorder/" + id);
        record.put("id", id);
        record.putObject("status").put("id", "Pending Fulfillment").put("refName", "Pending Fulfillment");
        sent.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("item")) {
                record.set(field.getKey(), answered(field.getValue()));
            }
        });
        ArrayNode items = record.putObject("item").putArray("items");
        int line = 1;
        for (JsonNode sentLine : sent.path("item").path("items")) {
            ObjectNode answered = items.addObject();
            answered.putArray("links");
            answered.put("line", line++);
            sentLine.fields().forEachRemaining(field -> answered.set(field.getKey(), answered(field.getValue())));
            JsonNode type = sentLine.get("costEstimateType");
            if (type != null) {
                answered.putObject("costEstimateType").put("id", type.asText()).put("refName", "Custom");
            } else {
                // NetSuite fills in an estimate of its own for lines sent without one
                answered.putObject("costEstimateType").put("id", "ITEMDEFINED").put("refName", "Item Defined Cost");
                answered.put("costEstimate", 0.0);
            }
            answered.put("isClosed", false);
        }
        return record.toString();
    }

    private JsonNode answered(JsonNode value) {
        if (value.isNumber() && !value.isIntegralNumber()) {
            return DoubleNode.valueOf(value.doubleValue());
        }
        if (value.isObject() && value.has("id")) {
            ObjectNode ref = json.createObjectNode();
            ref.putArray("links");
            ref.put("id", value.get("id").asText());
            ref.put("refName", "ref " + value.get("id").asText());
            return ref;
        }
        return value;
    }
}
