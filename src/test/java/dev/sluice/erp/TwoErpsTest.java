package dev.sluice.erp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.sluice.support.Bodies.list;
import static dev.sluice.support.Bodies.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One gateway, two real ERP adapters: legal entity US01 keeps its books in NetSuite
 * ({@code netsuite-us}), UK01 in Business Central ({@code business-central-uk}), every other in
 * the sandbox. Each contract is validated against, and delivered to, the ERP of its legal entity
 * only; master data is read from the ERP the caller names by legal entity.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(TwoErpsTest.TwoErps.class)
class TwoErpsTest extends ApiTest {

    /** The routing of {@link TwoErpsResource}; backends without rate limits of their own are unmetered. */
    public static class TwoErps implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TwoErpsResource.class));
        }
    }

    @TwoErpsResource.NetSuite
    WireMockServer netsuite;

    @TwoErpsResource.BusinessCentral
    WireMockServer businessCentral;

    private static Map<String, Object> usContract(String contractNumber, String customerNumber) {
        return map(
                "contractNumber", contractNumber,
                "customerNumber", customerNumber,
                "legalEntity", "US01",
                "currency", "USD",
                "startDate", "2026-01-01",
                "endDate", "2026-12-31",
                "lines", list(
                        map("lineNumber", 1, "itemNumber", NetSuiteStubs.TM_ITEM, "billingMethod", "TIME_AND_MATERIALS",
                                "rates", list(map("role", "CONSULTANT", "hourlyRate", "150.00")),
                                "notToExceed", "100000.00"),
                        map("lineNumber", 2, "itemNumber", NetSuiteStubs.FF_ITEM, "billingMethod",
                                "FIXED_FEE_MILESTONE", "amount", "50000.00",
                                "milestones", list(
                                        map("milestoneCode", "M1", "name", "Design signed off", "amount", "20000.00"),
                                        map("milestoneCode", "M2", "name", "Go-live", "amount", "30000.00")))));
    }

    private static Map<String, Object> ukContract(String contractNumber, String customerNumber) {
        return map(
                "contractNumber", contractNumber,
                "customerNumber", customerNumber,
                "legalEntity", "UK01",
                "currency", "GBP",
                "startDate", "2026-01-01",
                "endDate", "2026-12-31",
                "description", "UK roll-out",
                "lines", list(
                        map("lineNumber", 1, "itemNumber", BusinessCentralStubs.TM_ITEM, "billingMethod",
                                "TIME_AND_MATERIALS", "rates", list(map("role", "CONSULTANT", "hourlyRate", "120.00")),
                                "notToExceed", "80000.00"),
                        map("lineNumber", 2, "itemNumber", BusinessCentralStubs.FF_ITEM, "billingMethod",
                                "FIXED_FEE_MILESTONE", "amount", "50000.00",
                                "milestones", list(
                                        map("milestoneCode", "M1", "name", "Design signed off", "amount", "20000.00"),
                                        map("milestoneCode", "M2", "name", "Go-live", "amount", "30000.00")))));
    }

    /** An hour of {@link NetSuiteStubs#CONSULTANT}'s on task T1 of the project, worked on {@code day}, approved. */
    private static Map<String, Object> usEntry(String externalId, String projectCode, LocalDate day) {
        return map("externalId", externalId, "version", 1, "employeeNumber", NetSuiteStubs.CONSULTANT,
                "projectCode", projectCode, "taskCode", "T1", "workDate", day.toString(), "hours", "1.00",
                "role", "CONSULTANT", "billable", true, "approvedBy", NetSuiteStubs.MANAGER,
                "approvedAt", day.plusDays(1) + "T09:00:00Z");
    }

    /** How many upserts of the time bill of an entry NetSuite answered with success. */
    private static long timeBillsWritten(WireMockServer erp, String externalId) {
        String url = NetSuiteStubs.RECORDS + "timebill/eid:" + externalId + "__v1";
        return erp.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .filter(e -> e.getRequest().getUrl().equals(url))
                .map(ServeEvent::getResponse)
                .filter(r -> r.getStatus() >= 200 && r.getStatus() < 300)
                .count();
    }

    /** The requests an ERP received that name {@code key} in their URL or body. */
    private static List<LoggedRequest> naming(WireMockServer erp, String key) {
        return erp.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getUrl().contains(key) || r.getBodyAsString().contains(key))
                .toList();
    }

    @Test
    void atStartTheGatewayReadsEveryMasterDataTypeOfBothErpsInFull() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String table : List.of("FROM customer c", "FROM employee e", "FROM item i", "FROM subsidiary s",
                    "FROM currency c", "FROM salestaxitem t", "FROM account a")) {
                netsuite.verify(postRequestedFor(urlPathEqualTo(NetSuiteStubs.SUITEQL))
                        .withRequestBody(containing(table)).withRequestBody(containing("ORDER BY")));
            }
            for (String set : List.of("customers", "employees", "items", "currencies", "taxGroups", "accounts",
                    "generalLedgerSetup")) {
                businessCentral.verify(getRequestedFor(urlPathEqualTo(BusinessCentralStubs.ROOT + set)));
            }
            String root = BusinessCentralStubs.ROOT;
            businessCentral.verify(getRequestedFor(urlPathEqualTo(root.substring(0, root.length() - 1))));
        });
    }

    @Test
    void aUs01ContractIsPostedToNetSuiteAsASalesOrderAndNothingReachesBusinessCentral() {
        String contractNumber = unique("C-US");

        Response operation = posted("/api/v1/contracts", usContract(contractNumber, NetSuiteStubs.CUSTOMER));

        assertThat(operation.<List<String>>path("erpReferences.backend")).containsOnly("netsuite-us").isNotEmpty();
        assertThat(operation.<List<String>>path("erpReferences.documentType")).containsExactly("salesorder");
        assertThat(operation.<List<String>>path("erpReferences.documentId"))
                .containsExactly(NetSuiteStubs.SALES_ORDER_ID);
        netsuite.verify(1, putRequestedFor(urlEqualTo(NetSuiteStubs.RECORDS + "salesorder/eid:" + contractNumber
                + "?replace=item"))
                .withRequestBody(equalToJson("""
                        { "entity": {"id": "%s"}, "subsidiary": {"id": "%s"}, "currency": {"id": "%s"},
                          "otherRefNum": "%s", "startDate": "2026-01-01", "endDate": "2026-12-31",
                          "item": {"items": [
                            {"item": {"id": "%s"}, "quantity": 1, "rate": 100000.00, "amount": 100000.00,
                             "custcol_sluice_contract_line": 1, "description": "${json-unit.any-string}"},
                            {"item": {"id": "%s"}, "quantity": 1, "rate": 20000.00, "amount": 20000.00,
                             "custcol_sluice_contract_line": 2, "custcol_sluice_milestone": "M1",
                             "description": "${json-unit.any-string}"},
                            {"item": {"id": "%s"}, "quantity": 1, "rate": 30000.00, "amount": 30000.00,
                             "custcol_sluice_contract_line": 2, "custcol_sluice_milestone": "M2",
                             "description": "${json-unit.any-string}"} ]} }""".formatted(
                        NetSuiteStubs.CUSTOMER_ID, NetSuiteStubs.SUBSIDIARY_ID, NetSuiteStubs.USD_ID, contractNumber,
                        NetSuiteStubs.TM_ITEM_ID, NetSuiteStubs.FF_ITEM_ID, NetSuiteStubs.FF_ITEM_ID))));
        assertThat(naming(businessCentral, contractNumber)).as("Business Central hears nothing of a US01 contract")
                .isEmpty();
    }

    @Test
    void aUs01ProjectAndItsApprovedTimeReachNetSuiteOnly() {
        String contractNumber = unique("C-US");
        String projectCode = unique("P-US");
        String externalId = unique("TE");
        posted("/api/v1/contracts", usContract(contractNumber, NetSuiteStubs.CUSTOMER));
        String order = netsuite.findAll(putRequestedFor(urlEqualTo(NetSuiteStubs.RECORDS + "salesorder/eid:"
                + contractNumber + "?replace=item"))).get(0).getBodyAsString();
        NetSuiteStubs.holdsContract(netsuite, contractNumber, order);

        Response project = posted("/api/v1/projects", map(
                "projectCode", projectCode, "contractNumber", contractNumber, "name", "US roll-out",
                "projectManager", NetSuiteStubs.MANAGER,
                "tasks", list(map("taskCode", "T1", "name", "Build", "contractLine", 1, "billable", true))));
        NetSuiteStubs.holdsProject(netsuite, projectCode, contractNumber, "US roll-out");
        Response time = posted("/api/v1/time-approvals", map("entries", list(map(
                "externalId", externalId, "version", 1, "employeeNumber", NetSuiteStubs.CONSULTANT,
                "projectCode", projectCode, "taskCode", "T1", "workDate", "2026-02-03", "hours", "7.50",
                "role", "CONSULTANT", "billable", true, "approvedBy", NetSuiteStubs.MANAGER,
                "approvedAt", "2026-02-04T09:00:00Z"))));

        assertThat(project.<List<String>>path("erpReferences.backend")).containsOnly("netsuite-us").isNotEmpty();
        assertThat(time.<List<String>>path("erpReferences.backend")).containsOnly("netsuite-us").isNotEmpty();
        assertThat(time.<List<String>>path("erpReferences.documentType")).containsExactly("timebill");
        netsuite.verify(1, putRequestedFor(urlEqualTo(NetSuiteStubs.RECORDS + "job/eid:" + projectCode))
                .withRequestBody(equalToJson("""
                        {"entityId": "%s", "companyName": "US roll-out", "parent": {"id": "%s"},
                         "projectManager": {"id": "77"}, "custentity_sluice_contract": "%s"}""".formatted(
                        projectCode, NetSuiteStubs.CUSTOMER_ID, contractNumber))));
        netsuite.verify(1, putRequestedFor(urlEqualTo(NetSuiteStubs.RECORDS + "projecttask/eid:" + projectCode
                + "__T1")).withRequestBody(equalToJson("""
                        {"company": {"id": "%s"}, "title": "Build", "nonBillableTask": false,
                         "custevent_sluice_contract_line": 1}""".formatted(NetSuiteStubs.JOB_ID))));
        netsuite.verify(1, putRequestedFor(urlEqualTo(NetSuiteStubs.RECORDS + "timebill/eid:" + externalId + "__v1"))
                .withRequestBody(equalToJson("""
                        {"employee": {"id": "71"}, "customer": {"id": "%s"}, "caseTaskEvent": {"id": "%s"},
                         "item": {"id": "%s"}, "tranDate": "2026-02-03", "hours": "7:30", "isBillable": true,
                         "approvalStatus": {"id": "2"}, "memo": "${json-unit.any-string}"}""".formatted(
                        NetSuiteStubs.JOB_ID, NetSuiteStubs.TASK_ID, NetSuiteStubs.TM_ITEM_ID))));
        assertThat(naming(businessCentral, projectCode)).isEmpty();
        assertThat(naming(businessCentral, externalId)).isEmpty();
    }

    @Test
    void aUk01ContractIsPostedToBusinessCentralAsAProjectWithMilestoneDraftsAndNothingReachesNetSuite() {
        String contractNumber = unique("C-UK");

        Response operation = posted("/api/v1/contracts", ukContract(contractNumber, BusinessCentralStubs.CUSTOMER));

        assertThat(operation.<List<String>>path("erpReferences.backend")).containsOnly("business-central-uk")
                .isNotEmpty();
        assertThat(operation.<List<String>>path("erpReferences.documentType"))
                .containsExactly("PROJECT", "SALES_INVOICE_DRAFT", "SALES_INVOICE_DRAFT");
        assertThat(operation.<List<String>>path("erpReferences.documentId").get(0)).isEqualTo(contractNumber);
        String root = BusinessCentralStubs.ROOT;
        businessCentral.verify(1, postRequestedFor(urlPathEqualTo(root + "projects"))
                .withRequestBody(equalToJson("{\"number\":\"" + contractNumber + "\",\"displayName\":\"UK roll-out\"}")));
        for (String milestone : List.of("M1", "M2")) {
            businessCentral.verify(1, postRequestedFor(urlPathEqualTo(root + "salesInvoices"))
                    .withRequestBody(equalToJson("{\"externalDocumentNumber\":\"" + contractNumber + "/" + milestone
                            + "\",\"customerPurchaseOrderReference\":\"" + contractNumber + "\","
                            + "\"customerNumber\":\"" + BusinessCentralStubs.CUSTOMER + "\",\"currencyCode\":\"GBP\"}")));
        }
        String lines = root.replace("(", "\\(").replace(")", "\\)") + "salesInvoices\\([^)]+\\)/salesInvoiceLines";
        businessCentral.verify(1, postRequestedFor(urlPathMatching(lines)).withRequestBody(equalToJson(
                "{\"lineType\":\"Item\",\"lineObjectNumber\":\"" + BusinessCentralStubs.FF_ITEM + "\","
                        + "\"description\":\"M1 Design signed off\",\"quantity\":1,\"unitPrice\":20000.00}")));
        businessCentral.verify(1, postRequestedFor(urlPathMatching(lines)).withRequestBody(equalToJson(
                "{\"lineType\":\"Item\",\"lineObjectNumber\":\"" + BusinessCentralStubs.FF_ITEM + "\","
                        + "\"description\":\"M2 Go-live\",\"quantity\":1,\"unitPrice\":30000.00}")));
        assertThat(naming(netsuite, contractNumber)).as("NetSuite hears nothing of a UK01 contract").isEmpty();
    }

    @Test
    void aDeliveryTheErpRefusesAccessToIsDeadLetteredAtOnceNamingItsBackend() {
        String contractNumber = unique("C-UK");
        businessCentral.stubFor(WireMock.post(urlPathEqualTo(BusinessCentralStubs.ROOT + "projects")).atPriority(1)
                .withRequestBody(containing(contractNumber))
                .willReturn(WireMock.aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"Authorization_InsufficientPermissions\","
                                + "\"message\":\"You do not have permission to insert projects.\"}}")));

        Response accepted = write("/api/v1/contracts", ukContract(contractNumber, BusinessCentralStubs.CUSTOMER));
        accepted.then().statusCode(202);
        Response operation = awaitFinal(accepted.header("Location"), "DEAD_LETTERED");

        assertThat(operation.<String>path("problem.detail")).as("the ERP's reason, with no retries counted")
                .contains("You do not have permission to insert projects").doesNotContain("attempts failed");
        Response letters = given().queryParam("contractNumber", contractNumber).get("/admin/v1/dead-letters");
        letters.then().statusCode(200);
        assertThat(letters.<List<String>>path("items.errorCode")).containsExactly("ACCESS_DENIED");
        assertThat(letters.<List<String>>path("items.backend")).containsExactly("business-central-uk");
        assertThat(letters.<List<Integer>>path("items.attempts")).containsExactly(1);
        businessCentral.verify(1, postRequestedFor(urlPathEqualTo(BusinessCentralStubs.ROOT + "projects"))
                .withRequestBody(containing(contractNumber)));
    }

    @Test
    void aContractIsValidatedAgainstTheMasterDataOfItsLegalEntitysErp() {
        Response ukWithNetSuiteCustomer = write("/api/v1/contracts",
                ukContract(unique("C-UK"), NetSuiteStubs.CUSTOMER));
        Response usWithBcCustomer = write("/api/v1/contracts",
                usContract(unique("C-US"), BusinessCentralStubs.CUSTOMER));

        for (Response refused : List.of(ukWithNetSuiteCustomer, usWithBcCustomer)) {
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
            assertThat(refused.<List<Map<String, String>>>path("errors"))
                    .extracting(e -> e.get("pointer"), e -> e.get("code"))
                    .contains(tuple("/customerNumber", "UNKNOWN_CUSTOMER"));
        }
    }

    @Test
    void masterDataIsReadFromTheErpOfTheLegalEntityAskedFor() {
        Response uk = given().queryParam("legalEntity", "UK01").get("/api/v1/master-data/customers");
        Response sandbox = given().get("/api/v1/master-data/customers");

        uk.then().statusCode(200);
        assertThat(uk.<List<String>>path("items.customerNumber"))
                .containsExactly(BusinessCentralStubs.CUSTOMER, "BC-CUST-2");
        assertThat(uk.<List<String>>path("items.status")).containsExactly("ACTIVE", "BLOCKED");
        sandbox.then().statusCode(200);
        assertThat(sandbox.<List<String>>path("items.customerNumber")).contains("CUST-001")
                .doesNotContain(BusinessCentralStubs.CUSTOMER, NetSuiteStubs.CUSTOMER);
    }

    /**
     * NetSuite answers 503 to everything, and the US01 gateway keeps accepting: time on a project
     * it posted is checked in full from its own view and copy, a stranger's time is deferred and
     * fails once NetSuite answers, a contract for a customer it cannot check is refused; when
     * NetSuite returns, every entry is posted to it once.
     */
    @Test
    void whileNetSuiteCannotAnswerUs01TimeIsAcceptedFromTheGatewaysViewAndPostedOnceWhenItReturns() {
        String contractNumber = unique("C-US");
        String projectCode = unique("P-US");
        posted("/api/v1/contracts", usContract(contractNumber, NetSuiteStubs.CUSTOMER));
        String order = netsuite.findAll(putRequestedFor(urlEqualTo(NetSuiteStubs.RECORDS + "salesorder/eid:"
                + contractNumber + "?replace=item"))).get(0).getBodyAsString();
        NetSuiteStubs.holdsContract(netsuite, contractNumber, order);
        posted("/api/v1/projects", map(
                "projectCode", projectCode, "contractNumber", contractNumber, "name", "US roll-out",
                "projectManager", NetSuiteStubs.MANAGER,
                "tasks", list(map("taskCode", "T1", "name", "Build", "contractLine", 1, "billable", true))));
        NetSuiteStubs.holdsProject(netsuite, projectCode, contractNumber, "US roll-out");

        List<String> externalIds = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        String deferred;
        StubMapping outage = netsuite.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
        try {
            LocalDate day = LocalDate.parse("2026-03-02");
            for (int e = 0; e < 6; e++) {
                String externalId = unique("TE");
                Response accepted = write("/api/v1/time-approvals",
                        map("entries", list(usEntry(externalId, projectCode, day.plusDays(e)))));
                assertThat(accepted.statusCode()).as("accepted during the outage: " + accepted.asString())
                        .isEqualTo(202);
                assertThat(accepted.<String>path("validation")).as("checked in full, from the gateway's view")
                        .isNull();
                externalIds.add(externalId);
                locations.add(accepted.header("Location"));
            }
            Map<String, Object> stranger = usEntry(unique("TE"), projectCode, day.plusDays(7));
            stranger.put("employeeNumber", unique("NS-EMP"));
            Response strangersTime = write("/api/v1/time-approvals", map("entries", list(stranger)));
            assertThat(strangersTime.statusCode()).as(strangersTime.asString()).isEqualTo(202);
            assertThat(strangersTime.<String>path("validation")).isEqualTo("DEFERRED");
            deferred = strangersTime.header("Location");

            Response refused = write("/api/v1/contracts", usContract(unique("C-US"), unique("NS-CUST")));
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).matches("\\d+");
            assertThat(refused.<String>path("errors[0].pointer")).isEqualTo("/customerNumber");
            assertThat(refused.<String>path("errors[0].code")).isEqualTo("NOT_VERIFIED");
            Response contract = given().get("/api/v1/contracts/" + contractNumber);
            assertThat(contract.statusCode()).as(contract.asString()).isEqualTo(200);
            assertThat(contract.header("Sluice-Erp-Status")).startsWith("unavailable");
            assertThat(contract.header("Age")).isNotNull();

            assertThat(locations).as("nothing posts while NetSuite is down")
                    .noneMatch(l -> "POSTED".equals(given().get(l).path("status")));
            assertThat(externalIds).allMatch(id -> timeBillsWritten(netsuite, id) == 0);
        } finally {
            netsuite.removeStub(outage);
        }

        awaitAllPosted(locations, Duration.ofSeconds(90));
        Response failed = awaitFinal(deferred, "FAILED");
        assertThat(failed.<String>path("problem.type")).isEqualTo("https://sluice.dev/problems/validation-failed");
        assertThat(failed.<String>path("problem.errors[0].pointer")).isEqualTo("/entries/0/employeeNumber");
        assertThat(failed.<String>path("problem.errors[0].code")).isEqualTo("UNKNOWN_EMPLOYEE");
        for (String externalId : externalIds) {
            assertThat(timeBillsWritten(netsuite, externalId)).as("time bill of " + externalId + " written once")
                    .isEqualTo(1);
        }
    }
}
