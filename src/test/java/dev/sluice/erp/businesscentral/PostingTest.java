package dev.sluice.erp.businesscentral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.sluice.erp.businesscentral.BcFixture.ROOT;
import static dev.sluice.erp.businesscentral.BcFixture.okJson;
import static dev.sluice.erp.businesscentral.BcFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.Command;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.RoleRate;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each canonical write becomes the Business Central requests documented for it, and a repeat writes nothing. */
class PostingTest {

    private static final VendorMetadata METADATA = VendorMetadata.load();

    private BcFixture bc;

    @BeforeEach
    void start() {
        bc = new BcFixture();
        bc.tokenIs("t1");
    }

    @AfterEach
    void everyBodySentConformsToTheVendorMetadata() {
        try {
            assertThat(METADATA.bodyProblems(bc.server.getAllServeEvents()))
                    .as("bodies sent to BC name only properties its $metadata defines, with their types")
                    .isEmpty();
        } finally {
            bc.close();
        }
    }

    private PostingOutcome deliver(Command command) {
        return bc.erp.post(new Delivery(UUID.fromString("7d9e1c4a-0000-4000-8000-000000000001"), "1", command,
                "corr-1", null));
    }

    private static UpsertContract contract(BillingMethod third) {
        return new UpsertContract("C-1001", "CUST-001", "US01", "USD", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), "ERP roll-out", List.of(
                new ContractLineTerms(1, "SVC-TM", BillingMethod.TIME_AND_MATERIALS, null,
                        List.of(new RoleRate("CONSULTANT", new BigDecimal("150.00"))), new BigDecimal("100000.00"),
                        null, null, List.of()),
                new ContractLineTerms(2, "SVC-FF", third, null, List.of(), null, new BigDecimal("20000.00"),
                        new BigDecimal("12000.00"), List.of(new MilestoneTerms("M1", "Design signed off",
                        new BigDecimal("20000.00"), null)))));
    }

    private void projectLookup(String number, String body) {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "projects"))
                .withQueryParam("$filter", equalTo("number eq '" + number + "'"))
                .willReturn(okJson(body)));
    }

    private void invoiceLookup(String key, String body) {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices"))
                .withQueryParam("$filter", equalTo("externalDocumentNumber eq '" + key + "'"))
                .willReturn(okJson(body)));
    }

    private static final String DRAFT = "{\"id\":\"inv-1\",\"number\":\"S-INV-D1\",\"externalDocumentNumber\":\"C-1001/M1\","
            + "\"status\":\"Draft\",\"@odata.etag\":\"W/\\\"JzE7'\\\"\"}";
    private static final String POSTED = "{\"id\":\"inv-1\",\"number\":\"103001\",\"externalDocumentNumber\":\"C-1001/M1\","
            + "\"status\":\"Open\",\"totalAmountExcludingTax\":20000.00}";

    @Test
    void aContractBecomesAProjectAndADraftInvoicePerMilestone() {
        projectLookup("C-1001", page(null));
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "projects")).willReturn(okJson(
                "{\"id\":\"p-1\",\"number\":\"C-1001\",\"displayName\":\"ERP roll-out\"}").withStatus(201)));
        invoiceLookup("C-1001/M1", page(null));
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "salesInvoices")).willReturn(okJson(DRAFT).withStatus(201)));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines"))
                .willReturn(okJson(page(null))));
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines"))
                .willReturn(okJson("{\"id\":\"line-1\"}").withStatus(201)));

        PostingOutcome outcome = deliver(contract(BillingMethod.FIXED_FEE_MILESTONE));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("bc-us", "PROJECT", "C-1001"),
                new ErpReference("bc-us", "SALES_INVOICE_DRAFT", "S-INV-D1"))));
        bc.server.verify(postRequestedFor(urlPathEqualTo(ROOT + "projects"))
                .withRequestBody(equalToJson("{\"number\":\"C-1001\",\"displayName\":\"ERP roll-out\"}")));
        bc.server.verify(postRequestedFor(urlPathEqualTo(ROOT + "salesInvoices"))
                .withRequestBody(equalToJson("{\"externalDocumentNumber\":\"C-1001/M1\","
                        + "\"customerPurchaseOrderReference\":\"C-1001\",\"customerNumber\":\"CUST-001\","
                        + "\"currencyCode\":\"USD\"}")));
        bc.server.verify(postRequestedFor(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines"))
                .withRequestBody(equalToJson("{\"lineType\":\"Item\",\"lineObjectNumber\":\"SVC-FF\","
                        + "\"description\":\"M1 Design signed off\",\"quantity\":1,\"unitPrice\":20000.00}")));
    }

    @Test
    void theCallersTraceContextGoesWithEveryRequestOfTheDelivery() {
        invoiceLookup("C-1001/M1", page(null, POSTED));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        bc.erp.post(new Delivery(UUID.randomUUID(), "1", acceptance(), "corr-1", traceparent));

        bc.server.verify(getRequestedFor(urlPathEqualTo(ROOT + "salesInvoices"))
                .withHeader("traceparent", equalTo(traceparent)));
    }

    @Test
    void aRedeliveredContractFindsWhatTheFirstDeliveryMadeAndWritesNothing() {
        projectLookup("C-1001", page(null, "{\"id\":\"p-1\",\"number\":\"C-1001\",\"displayName\":\"ERP roll-out\","
                + "\"@odata.etag\":\"W/\\\"JzE7'\\\"\"}"));
        invoiceLookup("C-1001/M1", page(null, DRAFT));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines"))
                .willReturn(okJson(page(null, "{\"id\":\"line-1\",\"quantity\":1,\"unitPrice\":20000}"))));

        PostingOutcome outcome = deliver(contract(BillingMethod.FIXED_FEE_MILESTONE));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("bc-us", "PROJECT", "C-1001"),
                new ErpReference("bc-us", "SALES_INVOICE_DRAFT", "S-INV-D1"))));
        bc.server.verify(0, postRequestedFor(urlPathMatching(ROOT.replace("(", "\\(").replace(")", "\\)") + ".*")));
        bc.server.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void aPercentCompleteLineIsRefusedBeforeAnythingIsWritten() {
        PostingOutcome outcome = deliver(contract(BillingMethod.FIXED_FEE_PERCENT_COMPLETE));

        assertThat(outcome).isInstanceOf(PostingOutcome.Refused.class);
        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/lines/1/billingMethod", "NOT_SUPPORTED_BY_ERP"));
        bc.server.verify(0, anyRequestedFor(urlPathMatching("/v2\\.0/.*")));
    }

    @Test
    void renamingAProjectSendsTheEntitysEtagInIfMatch() {
        projectLookup("C-1001", page(null, "{\"id\":\"p-c\",\"number\":\"C-1001\"}"));
        projectLookup("P-1001", page(null, "{\"id\":\"p-1\",\"number\":\"P-1001\",\"displayName\":\"Old name\","
                + "\"@odata.etag\":\"W/\\\"JzE7'\\\"\"}"));
        bc.server.stubFor(patch(urlPathEqualTo(ROOT + "projects(p-1)")).willReturn(okJson(
                "{\"id\":\"p-1\",\"number\":\"P-1001\",\"displayName\":\"ERP roll-out\"}")));

        PostingOutcome outcome = deliver(new UpsertProject("P-1001", "C-1001", "ERP roll-out", "EMP-007", null,
                List.of()));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(new ErpReference("bc-us", "PROJECT",
                "P-1001"))));
        bc.server.verify(patchRequestedFor(urlPathEqualTo(ROOT + "projects(p-1)"))
                .withHeader("If-Match", equalTo("W/\"JzE7'\""))
                .withRequestBody(equalToJson("{\"displayName\":\"ERP roll-out\"}")));
    }

    @Test
    void aStaleEtagIsReadAgainAndTheUpdateTriedOnceMore() {
        projectLookup("C-1001", page(null, "{\"id\":\"p-c\",\"number\":\"C-1001\"}"));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "projects")).inScenario("etag")
                .whenScenarioStateIs(Scenario.STARTED)
                .withQueryParam("$filter", equalTo("number eq 'P-1001'"))
                .willReturn(okJson(page(null, "{\"id\":\"p-1\",\"number\":\"P-1001\",\"displayName\":\"Old\","
                        + "\"@odata.etag\":\"W/\\\"one\\\"\"}"))));
        bc.server.stubFor(patch(urlPathEqualTo(ROOT + "projects(p-1)")).inScenario("etag")
                .withHeader("If-Match", equalTo("W/\"one\""))
                .willReturn(BcFixture.error(409, "Request_EntityChanged", "Another user has already changed the record."))
                .willSetStateTo("changed"));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "projects")).inScenario("etag")
                .whenScenarioStateIs("changed")
                .withQueryParam("$filter", equalTo("number eq 'P-1001'"))
                .willReturn(okJson(page(null, "{\"id\":\"p-1\",\"number\":\"P-1001\",\"displayName\":\"Older\","
                        + "\"@odata.etag\":\"W/\\\"two\\\"\"}"))));
        bc.server.stubFor(patch(urlPathEqualTo(ROOT + "projects(p-1)")).withHeader("If-Match", equalTo("W/\"two\""))
                .willReturn(okJson("{\"id\":\"p-1\",\"number\":\"P-1001\",\"displayName\":\"ERP roll-out\"}")));

        PostingOutcome outcome = deliver(new UpsertProject("P-1001", "C-1001", "ERP roll-out", null, null, List.of()));

        assertThat(outcome).isInstanceOf(PostingOutcome.Posted.class);
        bc.server.verify(2, patchRequestedFor(urlPathEqualTo(ROOT + "projects(p-1)")));
        bc.server.verify(patchRequestedFor(urlPathEqualTo(ROOT + "projects(p-1)"))
                .withHeader("If-Match", equalTo("W/\"two\"")));
    }

    @Test
    void aSecondStaleEtagIsLeftForALaterAttempt() {
        projectLookup("C-1001", page(null, "{\"id\":\"p-c\",\"number\":\"C-1001\"}"));
        projectLookup("P-1001", page(null, "{\"id\":\"p-1\",\"number\":\"P-1001\",\"displayName\":\"Old\","
                + "\"@odata.etag\":\"W/\\\"one\\\"\"}"));
        bc.server.stubFor(patch(urlPathEqualTo(ROOT + "projects(p-1)")).willReturn(
                BcFixture.error(409, "Request_EntityChanged", "Another user has already changed the record.")));

        assertThatThrownBy(() -> deliver(new UpsertProject("P-1001", "C-1001",
                        "ERP roll-out", null, null, List.of())))
                .isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("changed projects(p-1) again");
        bc.server.verify(2, patchRequestedFor(urlPathEqualTo(ROOT + "projects(p-1)")));
    }

    @Test
    void aDraftLeftWithoutItsLineGetsTheLineOnRedelivery() {
        projectLookup("C-1001", page(null, "{\"id\":\"p-1\",\"number\":\"C-1001\",\"displayName\":\"ERP roll-out\"}"));
        invoiceLookup("C-1001/M1", page(null, DRAFT));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines"))
                .willReturn(okJson(page(null))));
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines"))
                .willReturn(okJson("{\"id\":\"line-1\"}").withStatus(201)));

        PostingOutcome outcome = deliver(contract(BillingMethod.FIXED_FEE_MILESTONE));

        assertThat(outcome).isInstanceOf(PostingOutcome.Posted.class);
        bc.server.verify(0, postRequestedFor(urlPathEqualTo(ROOT + "salesInvoices")));
        bc.server.verify(1, postRequestedFor(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines")));
    }

    @Test
    void aMilestoneWhoseDraftHoldsAnotherAmountIsRefused() {
        projectLookup("C-1001", page(null, "{\"id\":\"p-1\",\"number\":\"C-1001\",\"displayName\":\"ERP roll-out\"}"));
        invoiceLookup("C-1001/M1", page(null, DRAFT));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/salesInvoiceLines"))
                .willReturn(okJson(page(null, "{\"id\":\"line-1\",\"quantity\":1,\"unitPrice\":15000}"))));

        PostingOutcome outcome = deliver(contract(BillingMethod.FIXED_FEE_MILESTONE));

        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/lines/1/milestones/0/amount",
                        "MILESTONE_AMOUNT_CHANGED"));
    }

    @Test
    void aProjectWhoseContractBcDoesNotHoldIsRefused() {
        projectLookup("C-404", page(null));

        PostingOutcome outcome = deliver(new UpsertProject("P-1001", "C-404", "ERP roll-out", null, null, List.of()));

        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::pointer)
                .containsExactly("/contractNumber");
        bc.server.verify(0, postRequestedFor(urlPathEqualTo(ROOT + "projects")));
    }

    private static TimeEntry entry(String id, String date, String hours) {
        return new TimeEntry(id, 1, "EMP-001", "P-1001", "T1", LocalDate.parse(date), new BigDecimal(hours),
                "CONSULTANT", true, "EMP-007", OffsetDateTime.parse("2026-02-04T09:00:00Z"), null);
    }

    private void existingTime(String... members) {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "timeRegistrationEntries"))
                .withQueryParam("$filter", equalTo("jobNumber eq 'P-1001' and date ge 2026-02-03 and date le 2026-02-04"))
                .willReturn(okJson(page(null, members))));
    }

    @Test
    void approvedTimeBecomesTimeRegistrationEntries() {
        existingTime();
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "timeRegistrationEntries"))
                .withRequestBody(equalToJson("{\"date\":\"2026-02-03\"}", true, true))
                .willReturn(okJson("{\"id\":\"te-1\"}").withStatus(201)));
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "timeRegistrationEntries"))
                .withRequestBody(equalToJson("{\"date\":\"2026-02-04\"}", true, true))
                .willReturn(okJson("{\"id\":\"te-2\"}").withStatus(201)));

        PostingOutcome outcome = deliver(new ApproveTime(List.of(entry("TE-9", "2026-02-03", "7.50"),
                entry("TE-10", "2026-02-04", "4.00"))));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("bc-us", "TIME_REGISTRATION_ENTRY", "te-1"),
                new ErpReference("bc-us", "TIME_REGISTRATION_ENTRY", "te-2"))));
        bc.server.verify(postRequestedFor(urlPathEqualTo(ROOT + "timeRegistrationEntries"))
                .withRequestBody(equalToJson("{\"employeeNumber\":\"EMP-001\",\"jobNumber\":\"P-1001\","
                        + "\"jobTaskNumber\":\"T1\",\"date\":\"2026-02-03\",\"quantity\":7.50}")));
    }

    @Test
    void redeliveredTimeFindsTheEntriesAlreadyInBcAndCreatesOnlyTheMissingOnes() {
        existingTime("{\"id\":\"te-1\",\"employeeNumber\":\"EMP-001\",\"jobNumber\":\"P-1001\",\"jobTaskNumber\":\"T1\","
                + "\"date\":\"2026-02-03\",\"quantity\":7.5}");
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "timeRegistrationEntries"))
                .willReturn(okJson("{\"id\":\"te-2\"}").withStatus(201)));

        PostingOutcome outcome = deliver(new ApproveTime(List.of(entry("TE-9", "2026-02-03", "7.50"),
                entry("TE-10", "2026-02-04", "4.00"))));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("bc-us", "TIME_REGISTRATION_ENTRY", "te-1"),
                new ErpReference("bc-us", "TIME_REGISTRATION_ENTRY", "te-2"))));
        bc.server.verify(1, postRequestedFor(urlPathEqualTo(ROOT + "timeRegistrationEntries")));
    }

    @Test
    void aTimeCorrectionIsRefusedPointingAtItsVersion() {
        TimeEntry correction = new TimeEntry("TE-9", 2, "EMP-001", "P-1001", "T1", LocalDate.parse("2026-02-03"),
                new BigDecimal("6.00"), "CONSULTANT", true, "EMP-007", OffsetDateTime.parse("2026-02-05T09:00:00Z"),
                null);

        PostingOutcome outcome = deliver(new ApproveTime(List.of(correction)));

        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/entries/0/version", "CORRECTION_NOT_SUPPORTED"));
    }

    private static CompleteMilestone acceptance() {
        return new CompleteMilestone("C-1001", "M1", new BigDecimal("100"), true, "EMP-007",
                OffsetDateTime.parse("2026-03-01T12:00:00Z"), null);
    }

    @Test
    void anAcceptedMilestonePostsItsDraftInvoice() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices")).inScenario("post")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(page(null, DRAFT))));
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/Microsoft.NAV.post")).inScenario("post")
                .willReturn(aResponse().withStatus(204)).willSetStateTo("posted"));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices")).inScenario("post")
                .whenScenarioStateIs("posted")
                .withQueryParam("$filter", equalTo("externalDocumentNumber eq 'C-1001/M1'"))
                .willReturn(okJson(page(null, POSTED))));

        PostingOutcome outcome = deliver(acceptance());

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("bc-us", "SALES_INVOICE", "103001"))));
        bc.server.verify(1, postRequestedFor(urlPathEqualTo(ROOT + "salesInvoices(inv-1)/Microsoft.NAV.post")));
    }

    @Test
    void aRepeatedAcceptanceAnswersThePostedInvoiceWithoutPostingAgain() {
        invoiceLookup("C-1001/M1", page(null, POSTED));

        PostingOutcome outcome = deliver(acceptance());

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of(
                new ErpReference("bc-us", "SALES_INVOICE", "103001"))));
        bc.server.verify(0, postRequestedFor(urlPathMatching(".*Microsoft\\.NAV\\.post")));
    }

    @Test
    void progressWithoutAcceptancePostsNothing() {
        PostingOutcome outcome = deliver(new CompleteMilestone("C-1001", "M1", new BigDecimal("60"), false, null, null,
                null));

        assertThat(outcome).isEqualTo(new PostingOutcome.Posted(List.of()));
        bc.server.verify(0, anyRequestedFor(urlPathMatching("/v2\\.0/.*")));
    }

    @Test
    void aMilestoneBcHoldsNoInvoiceForIsRefused() {
        invoiceLookup("P-1001/M1", page(null));

        PostingOutcome outcome = deliver(new CompleteMilestone("P-1001", "M1", new BigDecimal("100"), true, "EMP-007",
                OffsetDateTime.parse("2026-03-01T12:00:00Z"), null));

        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::code)
                .containsExactly("UNKNOWN_MILESTONE");
    }

    @Test
    void aChangeOrderIsRefusedAsNotHeldByBc() {
        PostingOutcome outcome = deliver(new AmendContract("C-1001", "CO-1", LocalDate.parse("2026-06-30"),
                ModificationType.CUMULATIVE_CATCH_UP, null,
                List.of(new LineChange(2, new BigDecimal("1000.00"), null, null)), List.of()));

        assertThat(outcome).isInstanceOf(PostingOutcome.Refused.class);
        assertThat(((PostingOutcome.Refused) outcome).violations()).extracting(Violation::code)
                .containsExactly("NOT_SUPPORTED_BY_ERP");
        bc.server.verify(0, anyRequestedFor(urlPathMatching("/v2\\.0/.*")));
    }
}
