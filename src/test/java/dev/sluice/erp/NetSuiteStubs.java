package dev.sluice.erp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A NetSuite account as SuiteTalk REST answers it, for the subsidiary US01: the token endpoint,
 * SuiteQL for every master-data type (the full reads of the sync, the look-ups of one key, and
 * the internal-id look-ups of the writes), and the upserts of the writes. What it knows exists
 * in no other backend of the test, so a write validated against the wrong ERP is refused.
 */
final class NetSuiteStubs {

    static final String TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
    static final String SUITEQL = "/services/rest/query/v1/suiteql";
    static final String RECORDS = "/services/rest/record/v1/";

    static final String CUSTOMER = "NS-CUST-1";
    static final String TM_ITEM = "NS-SVC-TM";
    static final String FF_ITEM = "NS-SVC-FF";
    static final String CONSULTANT = "NS-EMP-1";
    static final String MANAGER = "NS-EMP-7";

    static final String CUSTOMER_ID = "41";
    static final String SUBSIDIARY_ID = "1";
    static final String USD_ID = "2";
    static final String TM_ITEM_ID = "501";
    static final String FF_ITEM_ID = "502";
    static final String SALES_ORDER_ID = "9001";
    static final String JOB_ID = "3001";
    static final String TASK_ID = "3101";
    static final String TIME_BILL_ID = "7001";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One master-data table: its SuiteQL {@code FROM}, its key column, and its rows (with internal ids). */
    private record Table(String from, String keyColumn, List<Row> rows) {
    }

    private record Row(String key, String json) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("FROM customer", "entityid", List.of(
                    new Row(CUSTOMER, "{\"id\":\"" + CUSTOMER_ID + "\",\"entityid\":\"" + CUSTOMER + "\","
                            + "\"companyname\":\"Acme Inc.\",\"altname\":\"Acme\",\"isinactive\":\"F\","
                            + "\"currency\":\"USD\"}"))),
            new Table("FROM employee", "entityid", List.of(
                    new Row(CONSULTANT, "{\"id\":\"71\",\"entityid\":\"" + CONSULTANT + "\",\"firstname\":\"Ada\","
                            + "\"lastname\":\"Byron\",\"title\":\"CONSULTANT\",\"laborcost\":\"80.00\","
                            + "\"isinactive\":\"F\",\"subsidiary\":\"US01\",\"currency\":\"USD\"}"),
                    new Row(MANAGER, "{\"id\":\"77\",\"entityid\":\"" + MANAGER + "\",\"firstname\":\"Grace\","
                            + "\"lastname\":\"Hopper\",\"title\":\"MANAGER\",\"laborcost\":\"120.00\","
                            + "\"isinactive\":\"F\",\"subsidiary\":\"US01\",\"currency\":\"USD\"}"))),
            new Table("FROM item", "itemid", List.of(
                    new Row(FF_ITEM, "{\"id\":\"" + FF_ITEM_ID + "\",\"itemid\":\"" + FF_ITEM + "\","
                            + "\"displayname\":\"Fixed-fee services\",\"itemtype\":\"Service\"}"),
                    new Row(TM_ITEM, "{\"id\":\"" + TM_ITEM_ID + "\",\"itemid\":\"" + TM_ITEM + "\","
                            + "\"displayname\":\"Consulting\",\"itemtype\":\"Service\"}"))),
            new Table("FROM subsidiary", "name", List.of(
                    new Row("US01", "{\"id\":\"" + SUBSIDIARY_ID + "\",\"name\":\"US01\","
                            + "\"legalname\":\"Sluice Demo US Inc.\",\"currency\":\"USD\"}"))),
            new Table("FROM currency", "symbol", List.of(
                    new Row("EUR", "{\"id\":\"4\",\"symbol\":\"EUR\",\"currencyprecision\":\"2\"}"),
                    new Row("USD", "{\"id\":\"" + USD_ID + "\",\"symbol\":\"USD\",\"currencyprecision\":\"2\"}"))),
            new Table("FROM salestaxitem", "itemid", List.of()),
            new Table("FROM account", "acctnumber", List.of()));

    private NetSuiteStubs() {
    }

    static void stub(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ns-token\",\"expires_in\":\"3600\",\"token_type\":\"bearer\"}")));
        // a query nothing below answers finds no rows
        server.stubFor(suiteQl().atPriority(10).willReturn(rows(List.of())));
        for (Table table : TABLES) {
            // the full read, in key order (the sync and the master-data pages)
            server.stubFor(suiteQl().atPriority(5)
                    .withRequestBody(containing(table.from() + " "))
                    .withRequestBody(containing("ORDER BY "))
                    .willReturn(rows(table.rows().stream().map(Row::json).toList())));
            // one key: the master-data look-up (alias.key = '…') and the write's internal-id look-up (key = '…')
            for (Row row : table.rows()) {
                server.stubFor(suiteQl().atPriority(1)
                        .withRequestBody(containing(table.from() + " "))
                        .withRequestBody(containing(table.keyColumn() + " = '" + row.key() + "'"))
                        .willReturn(rows(List.of(row.json()))));
            }
        }
        // business keys of internal ids, as the reads of documents ask for them
        idLookUp(server, "FROM customer WHERE id = '" + CUSTOMER_ID + "'", TABLES.get(0).rows().get(0).json());
        idLookUp(server, "FROM employee WHERE id = '77'", TABLES.get(1).rows().get(1).json());
        idLookUp(server, "FROM subsidiary WHERE id = '" + SUBSIDIARY_ID + "'", TABLES.get(3).rows().get(0).json());
        idLookUp(server, "FROM currency WHERE id = '" + USD_ID + "'", TABLES.get(4).rows().get(1).json());
        idLookUp(server, "FROM item WHERE id IN (", TABLES.get(2).rows().get(0).json() + ","
                + TABLES.get(2).rows().get(1).json());
        server.stubFor(put(urlPathMatching(RECORDS + "salesorder/eid:.*")).willReturn(upserted("salesorder",
                SALES_ORDER_ID)));
        server.stubFor(put(urlPathMatching(RECORDS + "job/eid:.*")).willReturn(upserted("job", JOB_ID)));
        server.stubFor(put(urlPathMatching(RECORDS + "projecttask/eid:.*")).willReturn(upserted("projecttask",
                TASK_ID)));
        server.stubFor(put(urlPathMatching(RECORDS + "timebill/eid:.*")).willReturn(upserted("timebill",
                TIME_BILL_ID)));
    }

    /**
     * NetSuite holds the contract's sales order as it was upserted ({@code upserted}, the body of
     * the PUT): the record read, and the SuiteQL look-ups of a project's write.
     */
    static void holdsContract(WireMockServer server, String contractNumber, String upserted) {
        ObjectNode order;
        try {
            order = (ObjectNode) JSON.readTree(upserted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        order.put("id", SALES_ORDER_ID).put("externalId", contractNumber).put("tranId", "SO" + SALES_ORDER_ID);
        server.stubFor(get(urlEqualTo(RECORDS + "salesorder/eid:" + contractNumber + "?expandSubResources=true"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(order.toString())));
        idLookUp(server, "t.type = 'SalesOrd' AND t.externalid = '" + contractNumber + "'", "{\"id\":\""
                + SALES_ORDER_ID + "\",\"entity\":\"" + CUSTOMER_ID + "\",\"currency\":\"" + USD_ID
                + "\",\"subsidiary\":\"" + SUBSIDIARY_ID + "\"}");
        idLookUp(server, "t.otherrefnum = '" + contractNumber + "' AND tl.custcol_sluice_contract_line = 1",
                "{\"item\":\"" + TM_ITEM_ID + "\"}");
    }

    /** NetSuite holds the project (job) on the contract with task T1 on line 1, as they were upserted. */
    static void holdsProject(WireMockServer server, String projectCode, String contractNumber, String name) {
        server.stubFor(get(urlEqualTo(RECORDS + "job/eid:" + projectCode)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + JOB_ID + "\",\"externalId\":\"" + projectCode + "\",\"entityId\":\""
                        + projectCode + "\",\"companyName\":\"" + name + "\",\"parent\":{\"id\":\"" + CUSTOMER_ID
                        + "\"},\"projectManager\":{\"id\":\"77\"},\"isInactive\":false,"
                        + "\"custentity_sluice_contract\":\"" + contractNumber + "\"}")));
        idLookUp(server, "FROM projecttask WHERE project = '" + JOB_ID + "'", "{\"externalid\":\"" + projectCode
                + "__T1\",\"title\":\"Build\",\"nonbillabletask\":\"F\",\"custevent_sluice_contract_line\":\"1\"}");
        idLookUp(server, "FROM job WHERE externalid = '" + projectCode + "'", "{\"id\":\"" + JOB_ID
                + "\",\"custentity_sluice_contract\":\"" + contractNumber + "\"}");
        idLookUp(server, "FROM projecttask WHERE externalid = '" + projectCode + "__T1'", "{\"id\":\"" + TASK_ID
                + "\",\"custevent_sluice_contract_line\":\"1\"}");
    }

    private static void idLookUp(WireMockServer server, String fragment, String rows) {
        server.stubFor(suiteQl().atPriority(1).withRequestBody(containing(fragment))
                .willReturn(rows(List.of(rows))));
    }

    private static MappingBuilder suiteQl() {
        return post(urlPathEqualTo(SUITEQL)).withHeader("Prefer", equalTo("transient"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder rows(List<String> rows) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"links\":[],\"count\":" + rows.size() + ",\"hasMore\":false,\"items\":["
                        + rows.stream().collect(Collectors.joining(",")) + "],\"offset\":0,\"totalResults\":"
                        + rows.size() + "}");
    }

    /** NetSuite's answer to an upsert: 204, the record's internal id in {@code Location}. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder upserted(String type, String id) {
        return aResponse().withStatus(204).withHeader("Location",
                "https://1234567.suitetalk.api.netsuite.com" + RECORDS + type + "/" + id);
    }
}
