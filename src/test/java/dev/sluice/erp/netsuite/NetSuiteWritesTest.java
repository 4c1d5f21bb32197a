package dev.sluice.erp.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.RoleRate;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.PostingOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetSuiteWritesTest {

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

    static UpsertContract contract() {
        return new UpsertContract("C-1001", "CUST-001", "US01", "USD", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), null, List.of(
                        new ContractLineTerms(1, "SVC-TM", BillingMethod.TIME_AND_MATERIALS, null,
                                List.of(new RoleRate("CONSULTANT", new BigDecimal("150.00"))),
                                new BigDecimal("100000.00"), null, null, List.of()),
                        new ContractLineTerms(2, "SVC-FF", BillingMethod.FIXED_FEE_MILESTONE, null, List.of(), null,
                                new BigDecimal("50000.00"), null, List.of(
                                        new MilestoneTerms("M1", "Design", new BigDecimal("20000.00"), null),
                                        new MilestoneTerms("M2", "Go-live", new BigDecimal("30000.00"), null)))));
    }

    private void masterData() {
        netsuite.suiteQl("FROM customer WHERE entityid = 'CUST-001'", "[{\"id\":\"41\"}]");
        netsuite.suiteQl("FROM subsidiary WHERE name = 'US01'", "[{\"id\":\"1\"}]");
        netsuite.suiteQl("FROM currency WHERE symbol = 'USD'", "[{\"id\":\"2\"}]");
        netsuite.suiteQl("FROM item WHERE itemid = 'SVC-TM'", "[{\"id\":\"501\"}]");
        netsuite.suiteQl("FROM item WHERE itemid = 'SVC-FF'", "[{\"id\":\"502\"}]");
    }

    private void upsertAnswers(String path, String id) {
        netsuite.server.stubFor(put(urlEqualTo(path)).willReturn(aResponse().withStatus(204)
                .withHeader("Location", netsuite.server.baseUrl() + "/services/rest/record/v1/x/" + id)));
    }

    private static Delivery delivery(dev.sluice.domain.Command command) {
        return new Delivery(UUID.fromString("00000000-0000-0000-0000-000000000001"), "1", command, "corr", null);
    }

    @Test
    void aContractIsUpsertedAsASalesOrderByExternalIdWithOneLinePerLineOrMilestone() {
        masterData();
        upsertAnswers("/services/rest/record/v1/salesorder/eid:C-1001?replace=item", "9001");

        PostingOutcome outcome = adapter.post(delivery(contract()));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("netsuite-test", "salesorder", "9001"))));
        netsuite.server.verify(putRequestedFor(urlEqualTo("/services/rest/record/v1/salesorder/eid:C-1001?replace=item"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer token-1"))
                .withRequestBody(equalToJson("""
                        { "entity": {"id": "41"}, "subsidiary": {"id": "1"}, "currency": {"id": "2"},
                          "otherRefNum": "C-1001", "startDate": "2026-01-01", "endDate": "2026-12-31",
                          "item": {"items": [
                            {"item": {"id": "501"}, "quantity": 1, "rate": 100000.00, "amount": 100000.00,
                             "custcol_sluice_contract_line": 1, "description": "${json-unit.any-string}"},
                            {"item": {"id": "502"}, "quantity": 1, "rate": 20000.00, "amount": 20000.00,
                             "custcol_sluice_contract_line": 2, "custcol_sluice_milestone": "M1",
                             "description": "${json-unit.any-string}"},
                            {"item": {"id": "502"}, "quantity": 1, "rate": 30000.00, "amount": 30000.00,
                             "custcol_sluice_contract_line": 2, "custcol_sluice_milestone": "M2",
                             "description": "${json-unit.any-string}"} ]} }""")));
    }

    @Test
    void aRedeliveredContractIsTheSameUpsertAndAnswersTheSameReferences() {
        masterData();
        upsertAnswers("/services/rest/record/v1/salesorder/eid:C-1001?replace=item", "9001");

        PostingOutcome first = adapter.post(delivery(contract()));
        PostingOutcome again = adapter.post(delivery(contract()));

        assertThat(again).isEqualTo(first);
        netsuite.server.verify(2, putRequestedFor(urlPathEqualTo("/services/rest/record/v1/salesorder/eid:C-1001")));
        netsuite.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/services/rest/record/v1/salesorder")));
    }

    @Test
    void aContractForAnUnknownCustomerIsRefusedBeforeAnythingIsWritten() {
        masterData();
        netsuite.suiteQl("FROM customer WHERE entityid = 'CUST-001'", "[]");

        PostingOutcome outcome = adapter.post(delivery(contract()));

        assertThat(outcome).isInstanceOf(PostingOutcome.Refused.class);
        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/customerNumber", "UNKNOWN_CUSTOMER"));
        netsuite.server.verify(0, putRequestedFor(urlPathEqualTo("/services/rest/record/v1/salesorder/eid:C-1001")));
    }

    @Test
    void aProjectIsAJobUnderTheContractsCustomerWithItsTasksAsProjectTasks() {
        netsuite.suiteQl("type = 'SalesOrd' AND t.externalid = 'C-1001'",
                "[{\"id\":\"9001\",\"entity\":\"41\",\"currency\":\"2\",\"subsidiary\":\"1\"}]");
        netsuite.suiteQl("FROM employee WHERE entityid = 'EMP-007'", "[{\"id\":\"77\"}]");
        upsertAnswers("/services/rest/record/v1/job/eid:P-1001", "3001");
        upsertAnswers("/services/rest/record/v1/projecttask/eid:P-1001__T1", "3101");

        PostingOutcome outcome = adapter.post(delivery(new UpsertProject("P-1001", "C-1001", "ERP roll-out", "EMP-007",
                null, List.of(new TaskTerms("T1", "Build", 1, true)))));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("netsuite-test", "job", "3001"), new ErpReference("netsuite-test", "projecttask", "3101"))));
        netsuite.server.verify(putRequestedFor(urlEqualTo("/services/rest/record/v1/job/eid:P-1001"))
                .withRequestBody(equalToJson("""
                        {"entityId": "P-1001", "companyName": "ERP roll-out", "parent": {"id": "41"},
                         "projectManager": {"id": "77"}, "custentity_sluice_contract": "C-1001"}""")));
        netsuite.server.verify(putRequestedFor(urlEqualTo("/services/rest/record/v1/projecttask/eid:P-1001__T1"))
                .withRequestBody(equalToJson("""
                        {"company": {"id": "3001"}, "title": "Build", "nonBillableTask": false,
                         "custevent_sluice_contract_line": 1}""")));
    }

    private void timeReferences() {
        netsuite.suiteQl("FROM employee WHERE entityid = 'EMP-001'", "[{\"id\":\"71\"}]");
        netsuite.suiteQl("FROM job WHERE externalid = 'P-1001'",
                "[{\"id\":\"3001\",\"custentity_sluice_contract\":\"C-1001\"}]");
        netsuite.suiteQl("FROM projecttask WHERE externalid = 'P-1001__T1'",
                "[{\"id\":\"3101\",\"custevent_sluice_contract_line\":\"1\"}]");
        netsuite.suiteQl("t.otherrefnum = 'C-1001' AND tl.custcol_sluice_contract_line = 1", "[{\"item\":\"501\"}]");
    }

    private static TimeEntry entry(int version, String hours) {
        return new TimeEntry("TE-9", version, "EMP-001", "P-1001", "T1", LocalDate.parse("2026-02-03"),
                new BigDecimal(hours), "CONSULTANT", true, "EMP-007", OffsetDateTime.parse("2026-02-04T09:00:00Z"), null);
    }

    @Test
    void approvedTimeIsAnApprovedTimeBillOnTheProjectTaskKeyedByEntryAndVersion() {
        timeReferences();
        upsertAnswers("/services/rest/record/v1/timebill/eid:TE-9__v1", "7001");

        PostingOutcome outcome = adapter.post(delivery(new ApproveTime(List.of(entry(1, "7.50")))));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("netsuite-test", "timebill", "7001"))));
        netsuite.server.verify(putRequestedFor(urlEqualTo("/services/rest/record/v1/timebill/eid:TE-9__v1"))
                .withRequestBody(equalToJson("""
                        {"employee": {"id": "71"}, "customer": {"id": "3001"}, "caseTaskEvent": {"id": "3101"},
                         "item": {"id": "501"}, "tranDate": "2026-02-03", "hours": "7:30", "isBillable": true,
                         "approvalStatus": {"id": "2"}, "memo": "${json-unit.any-string}"}""")));
    }

    @Test
    void aTimeCorrectionPostsTheNewVersionAndDeletesTheOneItSupersedes() {
        timeReferences();
        upsertAnswers("/services/rest/record/v1/timebill/eid:TE-9__v2", "7002");
        netsuite.suiteQl("FROM timebill WHERE externalid IN ('TE-9__v1')", "[{\"id\":\"7001\"}]");
        netsuite.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                urlEqualTo("/services/rest/record/v1/timebill/7001")).willReturn(aResponse().withStatus(204)));

        PostingOutcome outcome = adapter.post(delivery(new ApproveTime(List.of(entry(2, "6.00")))));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("netsuite-test", "timebill", "7002"))));
        netsuite.server.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlEqualTo("/services/rest/record/v1/timebill/7001")));
    }

    @Test
    void timeForAnUnknownTaskIsRefusedPointingAtTheEntry() {
        timeReferences();
        netsuite.suiteQl("FROM projecttask WHERE externalid = 'P-1001__T1'", "[]");

        PostingOutcome outcome = adapter.post(delivery(new ApproveTime(List.of(entry(1, "7.50")))));

        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::pointer)
                .containsExactly("/entries/0/taskCode");
    }

    @Test
    void aMilestoneCompletionCompletesTheProjectsMilestoneTask() {
        netsuite.suiteQl("FROM job WHERE externalid = 'P-1001'", "[{\"id\":\"3001\"}]");
        upsertAnswers("/services/rest/record/v1/projecttask/eid:P-1001__M1", "3201");

        PostingOutcome outcome = adapter.post(delivery(new CompleteMilestone("P-1001", "M1", new BigDecimal("100"),
                true, "EMP-007", OffsetDateTime.parse("2026-03-01T12:00:00Z"), null)));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("netsuite-test", "projecttask", "3201"))));
        netsuite.server.verify(putRequestedFor(urlEqualTo("/services/rest/record/v1/projecttask/eid:P-1001__M1"))
                .withRequestBody(equalToJson("""
                        {"company": {"id": "3001"}, "title": "M1", "status": "COMPLETE", "finishByDate": "2026-03-01",
                         "message": "${json-unit.any-string}"}""")));
    }

    @Test
    void aChangeOrderIsItsOwnSalesOrderKeyedByContractAndChangeOrder() {
        netsuite.suiteQl("type = 'SalesOrd' AND t.externalid = 'C-1001'",
                "[{\"id\":\"9001\",\"entity\":\"41\",\"currency\":\"2\",\"subsidiary\":\"1\"}]");
        netsuite.suiteQl("t.otherrefnum = 'C-1001' AND tl.custcol_sluice_contract_line = 1", "[{\"item\":\"501\"}]");
        upsertAnswers("/services/rest/record/v1/salesorder/eid:C-1001__CO-1?replace=item", "9002");

        PostingOutcome outcome = adapter.post(delivery(new dev.sluice.domain.AmendContract("C-1001", "CO-1",
                LocalDate.parse("2026-06-30"), dev.sluice.domain.ModificationType.CUMULATIVE_CATCH_UP, null,
                List.of(new dev.sluice.domain.LineChange(1, new BigDecimal("1500.00"), null, null)), List.of())));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("netsuite-test", "salesorder", "9002"))));
        netsuite.server.verify(putRequestedFor(urlEqualTo("/services/rest/record/v1/salesorder/eid:C-1001__CO-1?replace=item"))
                .withRequestBody(equalToJson("""
                        {"entity": {"id": "41"}, "subsidiary": {"id": "1"}, "currency": {"id": "2"},
                         "otherRefNum": "C-1001", "tranDate": "2026-06-30", "memo": "${json-unit.any-string}",
                         "item": {"items": [{"item": {"id": "501"}, "quantity": 1, "rate": 1500.00, "amount": 1500.00,
                           "custcol_sluice_contract_line": 1, "description": "${json-unit.any-string}"}]}}""")));
    }
}
