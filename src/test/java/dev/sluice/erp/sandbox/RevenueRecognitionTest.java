package dev.sluice.erp.sandbox;

import static dev.sluice.support.Bodies.list;
import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.Bodies;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.SandboxBooks;
import dev.sluice.support.SandboxBooks.Posting;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The sandbox ERP's revenue engine, through the API, with the worked numbers of
 * docs/revenue.md. Employees are the seed's: EMP-001 costs 80.00 an hour, EMP-002 110.00.
 * Every contract here is in USD with lines: 1 time and materials (CONSULTANT at 150.00), 2 fixed
 * fee by milestone, 3 fixed fee by percent complete; its project charges T1 to line 1 and T3 to line 3.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class RevenueRecognitionTest extends ApiTest {

    @Inject
    DataSource dataSource;

    // --- time and materials ------------------------------------------------------------------

    @Test
    void timeAndMaterialsRecognizesAndBillsHoursAtTheRoleRate() {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");

        deal.time("T1", "EMP-001", "7.50", "2026-02-03");

        // 7.50 h × 150.00 = 1125.00 recognized and billed; cost 7.50 h × 80.00 = 600.00
        assertPosition(deal.line(1), "1125.00", "1125.00", "0.00", "0.00");
        assertThat(deal.line(1).getString("position.costToDate")).isEqualTo("600.00");
        assertPosition(deal.contract(), "1125.00", "1125.00", "0.00", "0.00");
    }

    @Test
    void timeAndMaterialsStopsAtTheNotToExceedAmount() {
        Deal deal = deal("2000.00", "1000000.00", "700000.00");

        deal.time("T1", "EMP-001", "8.00", "2026-02-03");
        deal.time("T1", "EMP-001", "8.00", "2026-02-04");
        deal.time("T1", "EMP-001", "4.00", "2026-02-05");

        // 1200.00, then 1200.00 of which 800.00 fits under the cap, then nothing
        assertPosition(deal.line(1), "2000.00", "2000.00", "0.00", "0.00");
        assertThat(amounts(deal.postings(1, "REVENUE"))).containsExactly("1200.00", "800.00");
        assertThat(deal.postings(1, "REVENUE").get(1).rule()).isEqualTo("TM_NOT_TO_EXCEED");
        assertThat(deal.line(1).getString("position.costToDate")).as("cost keeps counting past the cap")
                .isEqualTo("1600.00");
    }

    @Test
    void entriesInOneBatchAreRecognizedOneAfterAnotherAsIfSentApart() {
        Deal deal = deal("2000.00", "1000000.00", "700000.00");

        posted("/api/v1/time-approvals", timeApproval(List.of(
                deal.entry(unique("TE"), "T1", "EMP-001", "8.00", "2026-02-03"),
                deal.entry(unique("TE"), "T1", "EMP-001", "8.00", "2026-02-04"),
                deal.entry(unique("TE"), "T1", "EMP-001", "4.00", "2026-02-05"),
                deal.entry(unique("TE"), "T3", "EMP-001", "7.00", "2026-02-05"))));

        // the same postings as the three sent apart above, in order; the cap binds within the batch
        assertPosition(deal.line(1), "2000.00", "2000.00", "0.00", "0.00");
        assertThat(amounts(deal.postings(1, "REVENUE"))).containsExactly("1200.00", "800.00");
        assertThat(amounts(deal.postings(1, "COST"))).containsExactly("640.00", "640.00", "320.00");
        assertThat(deal.line(1).getString("position.costToDate")).isEqualTo("1600.00");
        // 7 h at 80.00 on the percent-complete line: 560.00 of 700000.00, so 0.08 % of 1000000.00
        assertThat(deal.line(3).getString("position.costToDate")).isEqualTo("560.00");
        assertThat(amounts(deal.postings(3, "REVENUE"))).containsExactly("800.00");
    }

    // --- milestones --------------------------------------------------------------------------

    @Test
    void milestoneAmountIsRecognizedAndBilledOnAcceptanceOnly() {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");

        deal.milestone("M1", map("percentComplete", "50", "accepted", false));
        assertPosition(deal.line(2), "0.00", "0.00", "0.00", "0.00");
        assertThat(deal.line(2).getString("milestones[0].percentComplete")).isEqualTo("50");
        assertThat(deal.line(2).getBoolean("milestones[0].accepted")).isFalse();

        deal.milestone("M1", acceptance("2026-03-01T12:00:00Z"));

        assertPosition(deal.line(2), "20000.00", "20000.00", "0.00", "0.00");
        assertThat(deal.line(2).getBoolean("milestones[0].accepted")).isTrue();
        assertThat(deal.postings(2, "REVENUE")).singleElement()
                .satisfies(p -> assertThat(p.effectiveDate()).isEqualTo(LocalDate.parse("2026-03-01")))
                .satisfies(p -> assertThat(p.rule()).isEqualTo("MILESTONE_ACCEPTANCE"));
    }

    @Test
    void aMilestoneAcceptedTwiceIsRecognizedOnce() {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");

        deal.milestone("M1", acceptance("2026-03-01T12:00:00Z"));
        deal.milestone("M1", acceptance("2026-03-02T08:00:00Z"));

        assertPosition(deal.line(2), "20000.00", "20000.00", "0.00", "0.00");
    }

    // --- percent complete --------------------------------------------------------------------

    @Test
    void percentCompleteIsComputedCumulativelySoRoundingDoesNotDrift() {
        // 1000.00 over an estimated cost of 240.00: each hour of EMP-001 (80.00) is a third
        Deal deal = deal("100000.00", "1000.00", "240.00");

        deal.time("T3", "EMP-001", "1.00", "2026-02-03");
        assertPosition(deal.line(3), "333.33", "0.00", "333.33", "0.00");
        assertThat(deal.line(3).getString("position.percentComplete")).isEqualTo("33.33");

        deal.time("T3", "EMP-001", "1.00", "2026-02-04");
        // cumulative 666.666… rounds to 666.67, so this posting is 333.34, not another 333.33
        assertPosition(deal.line(3), "666.67", "0.00", "666.67", "0.00");
        assertThat(amounts(deal.postings(3, "REVENUE"))).containsExactly("333.33", "333.34");

        deal.time("T3", "EMP-001", "1.00", "2026-02-05");
        // cost reaches the estimate: all of it recognized, and now billed
        assertPosition(deal.line(3), "1000.00", "1000.00", "0.00", "0.00");
        assertThat(deal.line(3).getString("position.percentComplete")).isEqualTo("100.00");
        assertThat(deal.postings(3, "BILLING")).singleElement()
                .satisfies(p -> assertThat(p.rule()).isEqualTo("POC_COMPLETION_BILLING"));
    }

    @Test
    void percentCompleteNeverRecognizesMoreThanTheAmount() {
        Deal deal = deal("100000.00", "1000.00", "240.00");

        deal.time("T3", "EMP-001", "4.00", "2026-02-03");

        // cost 320.00 is past the estimate of 240.00: recognized stops at the amount
        assertPosition(deal.line(3), "1000.00", "1000.00", "0.00", "0.00");
        assertThat(deal.line(3).getString("position.costToDate")).isEqualTo("320.00");
    }

    // --- change orders -----------------------------------------------------------------------

    @Test
    void cumulativeCatchUpAppliesTheNewTermsToAllWorkToDate() {
        Deal deal = sixtyPercentComplete();

        deal.changeOrder("CUMULATIVE_CATCH_UP", "1500.00", "1200.00");

        // 11500.00 × 4200.00 / 8200.00 = 5890.243… : a catch-up of -109.76 on the change order's date
        assertPosition(deal.line(3), "5890.24", "0.00", "5890.24", "0.00");
        Posting catchUp = last(deal.postings(3, "REVENUE"));
        assertThat(catchUp.amount()).isEqualByComparingTo("-109.76");
        assertThat(catchUp.rule()).isEqualTo("POC_CATCH_UP");
        assertThat(catchUp.effectiveDate()).isEqualTo(LocalDate.parse("2026-06-30"));

        deal.time("T3", "EMP-001", "7.50", "2026-07-01");
        // 11500.00 × 4800.00 / 8200.00 = 6731.707…
        assertPosition(deal.line(3), "6731.71", "0.00", "6731.71", "0.00");
    }

    @Test
    void prospectiveKeepsWhatWasRecognizedAndSpreadsTheRestOverTheRemainingCost() {
        Deal deal = sixtyPercentComplete();

        deal.changeOrder("PROSPECTIVE", "1500.00", "1200.00");
        assertPosition(deal.line(3), "6000.00", "0.00", "6000.00", "0.00");

        deal.time("T3", "EMP-001", "7.50", "2026-07-01");
        // 6000.00 + (11500.00 − 6000.00) × (4800.00 − 4200.00) / (8200.00 − 4200.00) = 6825.00,
        // where a catch-up gives 6731.71 for the same work
        assertPosition(deal.line(3), "6825.00", "0.00", "6825.00", "0.00");
        assertThat(last(deal.postings(3, "REVENUE")).rule()).isEqualTo("POC_PROGRESS");
    }

    @Test
    void separateContractAddsItsLinesAsNewObligationsAndLeavesTheOthersAlone() {
        Deal deal = sixtyPercentComplete();

        deal.changeOrder(map("changeOrderNumber", deal.number + "-CO", "effectiveDate", "2026-06-30",
                "modificationType", "SEPARATE_CONTRACT", "lineChanges", list(),
                "newLines", list(map("lineNumber", 4, "itemNumber", "SVC-FF", "billingMethod",
                        "FIXED_FEE_MILESTONE", "amount", "5000.00", "milestones", list(map("milestoneCode",
                                deal.number + "-M9", "name", "Extra module", "amount", "5000.00"))))));

        assertPosition(deal.line(3), "6000.00", "0.00", "6000.00", "0.00");
        assertThat(deal.line(3).getString("amount")).isEqualTo("10000.00");
        assertThat(deal.line(4).getString("addedByChangeOrder")).isEqualTo(deal.number + "-CO");
        assertPosition(deal.line(4), "0.00", "0.00", "0.00", "0.00");

        deal.milestone("M9", acceptance("2026-07-15T10:00:00Z"));
        assertPosition(deal.line(4), "5000.00", "5000.00", "0.00", "0.00");
        assertPosition(deal.line(3), "6000.00", "0.00", "6000.00", "0.00");
    }

    @Test
    void aChangeOrderThatWouldLeaveALineBelowWhatWasBilledIsRefused() {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");
        deal.time("T1", "EMP-001", "7.50", "2026-02-03");

        Response refused = awaitFinal(write("/api/v1/contracts/" + deal.number + "/change-orders", map(
                "changeOrderNumber", deal.number + "-CO", "effectiveDate", "2026-06-30",
                "modificationType", "CUMULATIVE_CATCH_UP",
                "lineChanges", list(map("lineNumber", 1, "notToExceedDelta", "-99000.00")))).header("Location"),
                "FAILED");

        assertThat(refused.<String>path("problem.type")).isEqualTo("https://sluice.dev/problems/erp-refused");
        assertThat(refused.<String>path("problem.errors[0].code")).isEqualTo("AMOUNT_BELOW_BILLED");
        assertThat(refused.<String>path("problem.errors[0].pointer")).isEqualTo("/lineChanges/0/notToExceedDelta");
        assertThat(refused.<String>path("problem.errors[0].detail")).contains("1125.00 billed");
        assertThat(deal.line(1).getString("notToExceed")).as("the contract is unchanged").isEqualTo("100000.00");
    }

    @Test
    void aContractUpdateCannotRewriteWhatTheBooksWereMeasuredAgainst() {
        Deal deal = deal("100000.00", "1000.00", "240.00");
        deal.time("T3", "EMP-001", "1.00", "2026-02-03");
        Map<String, Object> update = deal.terms("100000.00", "2000.00", "240.00");

        Response refused = awaitFinal(write("/api/v1/contracts", update).header("Location"), "FAILED");

        assertThat(refused.<String>path("problem.errors[0].code")).isEqualTo("LINE_POSTED");
        assertThat(refused.<String>path("problem.errors[0].pointer")).isEqualTo("/lines/2/lineNumber");
        assertThat(deal.line(3).getString("amount")).isEqualTo("1000.00");
    }

    @Test
    void aNewRateAppliesToTimeAfterItNotToTimeAlreadyPosted() {
        Deal deal = deal("100000.00", "1000.00", "240.00");
        deal.time("T1", "EMP-001", "1.00", "2026-02-03");
        Map<String, Object> update = deal.terms("100000.00", "1000.00", "240.00");
        Bodies.at(update, "lines", 0, "rates", 0).put("hourlyRate", "200.00");

        posted("/api/v1/contracts", update);
        deal.time("T1", "EMP-001", "1.00", "2026-02-04");

        assertThat(amounts(deal.postings(1, "REVENUE"))).containsExactly("150.00", "200.00");
        assertPosition(deal.line(1), "350.00", "350.00", "0.00", "0.00");
    }

    @Test
    void aMilestoneLineIsNotAmendedByAnAmountDelta() {
        Deal deal = deal("100000.00", "1000.00", "240.00");

        Response refused = write("/api/v1/contracts/" + deal.number + "/change-orders", map(
                "changeOrderNumber", deal.number + "-CO", "effectiveDate", "2026-06-30",
                "modificationType", "CUMULATIVE_CATCH_UP",
                "lineChanges", list(map("lineNumber", 2, "amountDelta", "5000.00"))));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.<String>path("errors[0].pointer")).isEqualTo("/lineChanges/0/amountDelta");
        assertThat(refused.<String>path("errors[0].code")).isEqualTo("NOT_APPLICABLE");
    }

    // --- corrections -------------------------------------------------------------------------

    @Test
    void aCorrectionUpPostsOnlyTheDifference() {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");
        String entry = deal.time("T1", "EMP-001", "7.50", "2026-02-03");

        deal.correct(entry, 2, "T1", "EMP-001", "8.00", "2026-02-03");

        // 8.00 h × 150.00 = 1200.00: a further 75.00 revenue and charge; cost 640.00 (+40.00)
        assertPosition(deal.line(1), "1200.00", "1200.00", "0.00", "0.00");
        assertThat(amounts(deal.postings(1, "BILLING"))).containsExactly("1125.00", "75.00");
        assertThat(amounts(deal.postings(1, "COST"))).containsExactly("600.00", "40.00");
        assertThat(last(deal.postings(1, "REVENUE")).rule()).isEqualTo("TM_CORRECTION");
    }

    @Test
    void aCorrectionDownOfBilledTimeIsCreditedNotRewritten() {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");
        String entry = deal.time("T1", "EMP-001", "7.50", "2026-02-03");

        deal.correct(entry, 2, "T1", "EMP-001", "6.00", "2026-02-03");

        // 6.00 h × 150.00 = 900.00: the 1125.00 already billed stays, a credit of 225.00 follows it
        assertPosition(deal.line(1), "900.00", "900.00", "0.00", "0.00");
        assertThat(amounts(deal.postings(1, "BILLING"))).containsExactly("1125.00", "-225.00");
    }

    @Test
    void aCorrectionOfPercentCompleteWorkBeforeBillingMovesRecognitionBothWays() {
        Deal deal = deal("100000.00", "1000.00", "240.00");
        String entry = deal.time("T3", "EMP-001", "1.00", "2026-02-03");

        deal.correct(entry, 2, "T3", "EMP-001", "2.00", "2026-02-03");
        assertPosition(deal.line(3), "666.67", "0.00", "666.67", "0.00");

        deal.correct(entry, 3, "T3", "EMP-001", "0.50", "2026-02-03");
        // cost 40.00: 1000.00 × 40 / 240 = 166.666… → 166.67
        assertPosition(deal.line(3), "166.67", "0.00", "166.67", "0.00");
        assertThat(amounts(deal.postings(3, "REVENUE"))).containsExactly("333.33", "333.34", "-500.00");
    }

    @Test
    void aCorrectionOfPercentCompleteWorkAfterBillingLeavesALiability() {
        Deal deal = deal("100000.00", "1000.00", "240.00");
        deal.time("T3", "EMP-001", "1.00", "2026-02-03");
        deal.time("T3", "EMP-001", "1.00", "2026-02-04");
        String last = deal.time("T3", "EMP-001", "1.00", "2026-02-05");
        assertPosition(deal.line(3), "1000.00", "1000.00", "0.00", "0.00");

        deal.correct(last, 2, "T3", "EMP-001", "0.50", "2026-02-05");

        // cost 200.00: 833.33 recognized; the invoice of 1000.00 stands: 166.67 is deferred revenue
        assertPosition(deal.line(3), "833.33", "1000.00", "0.00", "166.67");
    }

    @Test
    void theSameVersionAgainChangesNothing() {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");
        Map<String, Object> entry = deal.entry(unique("TE"), "T1", "EMP-001", "7.50", "2026-02-03");
        posted("/api/v1/time-approvals", timeApproval(entry));
        int before = deal.books().postings(deal.number).size();

        Response again = posted("/api/v1/time-approvals", timeApproval(entry));

        assertThat(again.<List<?>>path("erpReferences")).isEmpty();
        assertThat(deal.books().postings(deal.number)).hasSize(before);
        assertPosition(deal.line(1), "1125.00", "1125.00", "0.00", "0.00");
    }

    // --- the contract as a whole, traceability, the books ------------------------------------

    @Test
    void theContractPositionNetsItsLines() {
        Deal deal = deal("100000.00", "1000.00", "240.00");
        deal.time("T1", "EMP-001", "2.00", "2026-02-03");          // line 1: 300.00 recognized and billed
        deal.milestone("M1", acceptance("2026-03-01T12:00:00Z"));  // line 2: 20000.00 recognized and billed
        deal.time("T3", "EMP-001", "1.00", "2026-02-04");          // line 3: 333.33 recognized, unbilled

        assertPosition(deal.contract(), "20633.33", "20300.00", "333.33", "0.00");
    }

    @Test
    void everyRecognizedAmountLeadsToTheOperationAndDocumentThatCausedIt() {
        Deal deal = sixtyPercentComplete();
        deal.changeOrder("CUMULATIVE_CATCH_UP", "1500.00", "1200.00");

        List<Posting> revenue = deal.postings(3, "REVENUE");
        assertThat(revenue).hasSize(8);
        for (Posting posting : revenue) {
            Response operation = given().get("/api/v1/operations/" + posting.operationId());
            assertThat(operation.statusCode()).as("operation of posting " + posting).isEqualTo(200);
            assertThat(operation.<List<String>>path("erpReferences.documentId")).as("documents of " + posting)
                    .contains(posting.documentId());
            assertThat(posting.rule()).isIn("POC_PROGRESS", "POC_CATCH_UP");
        }
        assertThat(revenue.stream().map(Posting::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("the position is the sum of the postings").isEqualByComparingTo("5890.24");
    }

    @Test
    void theBooksRefuseToRewriteAPosting() throws SQLException {
        Deal deal = deal("100000.00", "1000000.00", "700000.00");
        deal.time("T1", "EMP-001", "7.50", "2026-02-03");

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeUpdate(
                    "update sandbox.posting set amount = 0 where contract_number = '" + deal.number + "'")))
                    .as("an update of a posting").hasMessageContaining("append-only");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeUpdate(
                    "delete from sandbox.posting where contract_number = '" + deal.number + "'")))
                    .as("a delete of a posting").hasMessageContaining("append-only");
        }
        assertPosition(deal.line(1), "1125.00", "1125.00", "0.00", "0.00");
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Percent complete at 60 %: 10000.00 over 7000.00, with 52.50 h of EMP-001 (4200.00) on it. */
    private Deal sixtyPercentComplete() {
        Deal deal = deal("100000.00", "10000.00", "7000.00");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            entries.add(deal.entry(unique("TE"), "T3", "EMP-001", "7.50",
                    LocalDate.parse("2026-02-02").plusDays(day).toString()));
        }
        posted("/api/v1/time-approvals", timeApproval(entries));
        assertPosition(deal.line(3), "6000.00", "0.00", "6000.00", "0.00");
        return deal;
    }

    private Deal deal(String notToExceed, String percentCompleteAmount, String estimatedCost) {
        Deal deal = new Deal(unique("C"), unique("P"));
        posted("/api/v1/contracts", deal.terms(notToExceed, percentCompleteAmount, estimatedCost));
        posted("/api/v1/projects", map("projectCode", deal.project, "contractNumber", deal.number, "name", "Roll-out",
                "projectManager", "EMP-007", "tasks", list(
                        map("taskCode", "T1", "name", "Build", "contractLine", 1, "billable", true),
                        map("taskCode", "T3", "name", "Implementation", "contractLine", 3, "billable", true))));
        return deal;
    }

    private static Map<String, Object> terms(Deal deal, String notToExceed, String percentCompleteAmount,
            String estimatedCost) {
        return map(
                "contractNumber", deal.number, "customerNumber", "CUST-001", "legalEntity", "US01", "currency", "USD",
                "startDate", "2026-01-01", "endDate", "2026-12-31",
                "lines", list(
                        map("lineNumber", 1, "itemNumber", "SVC-TM", "billingMethod", "TIME_AND_MATERIALS",
                                "rates", list(map("role", "CONSULTANT", "hourlyRate", "150.00")),
                                "notToExceed", notToExceed),
                        map("lineNumber", 2, "itemNumber", "SVC-FF", "billingMethod", "FIXED_FEE_MILESTONE",
                                "amount", "50000.00", "milestones", list(
                                        map("milestoneCode", deal.number + "-M1", "name", "Design", "amount", "20000.00"),
                                        map("milestoneCode", deal.number + "-M2", "name", "Go-live", "amount", "30000.00"))),
                        map("lineNumber", 3, "itemNumber", "SVC-POC", "billingMethod", "FIXED_FEE_PERCENT_COMPLETE",
                                "amount", percentCompleteAmount, "estimatedCost", estimatedCost)));
    }

    private static Map<String, Object> acceptance(String acceptedAt) {
        return map("percentComplete", "100", "accepted", true, "acceptedBy", "EMP-007", "acceptedAt", acceptedAt);
    }

    private static void assertPosition(JsonPath at, String recognized, String billed, String asset, String liability) {
        assertThat(List.of(at.getString("position.recognized"), at.getString("position.billed"),
                at.getString("position.contractAsset"), at.getString("position.contractLiability")))
                .as("recognized, billed, contract asset, contract liability")
                .containsExactly(recognized, billed, asset, liability);
    }

    private static List<String> amounts(List<Posting> postings) {
        return postings.stream().map(p -> p.amount().setScale(2).toPlainString()).toList();
    }

    private static Posting last(List<Posting> postings) {
        return postings.get(postings.size() - 1);
    }

    /** One contract and its project, and what the tests do with them. */
    private final class Deal {
        final String number;
        final String project;

        Deal(String number, String project) {
            this.number = number;
            this.project = project;
        }

        /** The contract's terms, to send again with a change. */
        Map<String, Object> terms(String notToExceed, String percentCompleteAmount, String estimatedCost) {
            return RevenueRecognitionTest.terms(this, notToExceed, percentCompleteAmount, estimatedCost);
        }

        Map<String, Object> entry(String externalId, String task, String employee, String hours, String workDate) {
            Map<String, Object> entry = timeEntry(externalId, project);
            entry.put("taskCode", task);
            entry.put("employeeNumber", employee);
            entry.put("hours", hours);
            return workedOn(entry, workDate);
        }

        /** Posts one entry and answers its external id. */
        String time(String task, String employee, String hours, String workDate) {
            String externalId = unique("TE");
            posted("/api/v1/time-approvals", timeApproval(entry(externalId, task, employee, hours, workDate)));
            return externalId;
        }

        void correct(String externalId, int version, String task, String employee, String hours, String workDate) {
            Map<String, Object> entry = entry(externalId, task, employee, hours, workDate);
            entry.put("version", version);
            posted("/api/v1/time-approvals", timeApproval(entry));
        }

        void milestone(String code, Map<String, Object> completion) {
            posted("/api/v1/projects/" + project + "/milestones/" + number + "-" + code + "/completions", completion);
        }

        void changeOrder(String type, String amountDelta, String estimatedCostDelta) {
            changeOrder(map("changeOrderNumber", number + "-CO", "effectiveDate", "2026-06-30",
                    "modificationType", type, "lineChanges", list(map("lineNumber", 3, "amountDelta", amountDelta,
                            "estimatedCostDelta", estimatedCostDelta))));
        }

        void changeOrder(Map<String, Object> order) {
            posted("/api/v1/contracts/" + number + "/change-orders", order);
        }

        JsonPath contract() {
            Response contract = given().get("/api/v1/contracts/" + number);
            assertThat(contract.statusCode()).isEqualTo(200);
            return contract.jsonPath();
        }

        JsonPath line(int lineNumber) {
            JsonPath contract = contract();
            List<Integer> numbers = contract.getList("lines.lineNumber", Integer.class);
            return new JsonPath(contract.prettify()).setRootPath("lines[" + numbers.indexOf(lineNumber) + "]");
        }

        List<Posting> postings(int lineNumber, String kind) {
            return books().postings(number, lineNumber, kind);
        }

        SandboxBooks books() {
            return new SandboxBooks(dataSource);
        }
    }
}
