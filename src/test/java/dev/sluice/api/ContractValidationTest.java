package dev.sluice.api;

import static dev.sluice.support.Bodies.at;
import static dev.sluice.support.Bodies.changeOrder;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.list;
import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.milestone;
import static dev.sluice.support.Refusals.assertRefused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Business and master-data rules on contracts and their change orders: each broken rule is
 * answered 422 validation-failed with the rule's code at the member that breaks it.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class ContractValidationTest extends ApiTest {

    private static final String CONTRACTS = "/api/v1/contracts";

    // --- contracts -------------------------------------------------------------------------

    @Test
    void rejectsContractForUnknownCustomer() {
        Map<String, Object> body = contract(unique("C"));
        body.put("customerNumber", "CUST-404");

        assertRefused(write(CONTRACTS, body), "/customerNumber", "UNKNOWN_CUSTOMER");
    }

    @Test
    void rejectsContractForBlockedCustomer() {
        Map<String, Object> body = contract(unique("C"));
        body.put("customerNumber", "CUST-009");

        assertRefused(write(CONTRACTS, body), "/customerNumber", "CUSTOMER_BLOCKED");
    }

    @Test
    void rejectsContractForUnknownLegalEntity() {
        Map<String, Object> body = contract(unique("C"));
        body.put("legalEntity", "XX01");

        assertRefused(write(CONTRACTS, body), "/legalEntity", "UNKNOWN_LEGAL_ENTITY");
    }

    @Test
    void rejectsContractInUnknownCurrency() {
        Map<String, Object> body = contract(unique("C"));
        body.put("currency", "XYZ");

        assertRefused(write(CONTRACTS, body), "/currency", "UNKNOWN_CURRENCY");
    }

    @Test
    void rejectsContractInCurrencyOtherThanTheLegalEntitys() {
        Map<String, Object> body = contract(unique("C"));
        body.put("currency", "JPY"); // known to the ERP, but US01 keeps its books in USD

        assertRefused(write(CONTRACTS, body), "/currency", "CURRENCY_MISMATCH");
    }

    @Test
    void rejectsContractEndingBeforeItStarts() {
        Map<String, Object> body = contract(unique("C"));
        body.put("endDate", "2025-12-31");

        assertRefused(write(CONTRACTS, body), "/endDate", "END_BEFORE_START");
    }

    @Test
    void rejectsLineWithUnknownItem() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 0).put("itemNumber", "SVC-NONE");

        assertRefused(write(CONTRACTS, body), "/lines/0/itemNumber", "UNKNOWN_ITEM");
    }

    @Test
    void rejectsTwoLinesWithTheSameNumber() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 2).put("lineNumber", 1);

        assertRefused(write(CONTRACTS, body), "/lines/2/lineNumber", "DUPLICATE_LINE_NUMBER");
    }

    @Test
    void rejectsTimeAndMaterialsLineWithoutRates() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 0).remove("rates");

        assertRefused(write(CONTRACTS, body), "/lines/0/rates", "RATES_REQUIRED");
    }

    @Test
    void rejectsTwoRatesForTheSameRoleOnALine() {
        Map<String, Object> body = contract(unique("C"));
        rates(body, 0).add(map("role", "CONSULTANT", "hourlyRate", "175.00"));

        assertRefused(write(CONTRACTS, body), "/lines/0/rates/1/role", "DUPLICATE_ROLE");
    }

    @Test
    void rejectsFixedFeeLineWithoutAmount() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 2).remove("amount");

        assertRefused(write(CONTRACTS, body), "/lines/2/amount", "AMOUNT_REQUIRED");
    }

    @Test
    void rejectsMilestoneLineWithoutMilestones() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 1).remove("milestones");

        assertRefused(write(CONTRACTS, body), "/lines/1/milestones", "MILESTONES_REQUIRED");
    }

    @Test
    void rejectsMilestonesThatDoNotAddUpToTheLineAmount() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 1).put("amount", "60000.00"); // M1 + M2 = 50000.00

        assertRefused(write(CONTRACTS, body), "/lines/1/milestones", "MILESTONE_TOTAL_MISMATCH");
    }

    @Test
    void rejectsTheSameMilestoneCodeTwiceOnAContract() {
        String contractNumber = unique("C");
        Map<String, Object> body = contract(contractNumber);
        at(body, "lines", 1, "milestones", 1).put("milestoneCode", milestone(contractNumber, "M1"));

        assertRefused(write(CONTRACTS, body), "/lines/1/milestones/1/milestoneCode", "DUPLICATE_MILESTONE");
    }

    @Test
    void rejectsPercentCompleteLineWithoutEstimatedCost() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 2).remove("estimatedCost");

        assertRefused(write(CONTRACTS, body), "/lines/2/estimatedCost", "ESTIMATED_COST_REQUIRED");
    }

    @Test
    void rejectsMilestonesOnATimeAndMaterialsLine() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 0).put("milestones", list(map("milestoneCode", unique("MS"), "name", "Kick-off",
                "amount", "1000.00")));

        assertRefused(write(CONTRACTS, body), "/lines/0/milestones", "NOT_APPLICABLE");
    }

    @Test
    void refusedContractIsNotCreated() {
        String contractNumber = unique("C");
        Map<String, Object> body = contract(contractNumber);
        body.put("customerNumber", "CUST-009");
        assertRefused(write(CONTRACTS, body));

        given().get(CONTRACTS + "/" + contractNumber).then().statusCode(404);
    }

    // --- change orders ---------------------------------------------------------------------

    @Test
    void rejectsChangeOrderOnUnknownContract() {
        assertRefused(write(changeOrders(unique("C")), changeOrder(unique("CO"))),
                "path:contractNumber", "UNKNOWN_CONTRACT");
    }

    @Test
    void rejectsChangeOfALineTheContractDoesNotHave() {
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        at(order, "lineChanges", 0).put("lineNumber", 9);

        assertRefused(write(changeOrders(contractNumber), order), "/lineChanges/0/lineNumber",
                "UNKNOWN_CONTRACT_LINE");
    }

    @Test
    void rejectsChangeOrderThatChangesNothing() {
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        order.put("lineChanges", list());
        order.put("newLines", list());

        assertRefused(write(changeOrders(contractNumber), order), "", "EMPTY_CHANGE_ORDER");
    }

    @Test
    void rejectsChangeOrderEffectiveAfterTheContractEnds() {
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        order.put("effectiveDate", "2027-01-15");

        assertRefused(write(changeOrders(contractNumber), order), "/effectiveDate",
                "EFFECTIVE_DATE_OUTSIDE_CONTRACT");
    }

    @Test
    void rejectsChangeThatMakesTheLineAmountNegative() {
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        order.put("lineChanges", list(map("lineNumber", 3, "amountDelta", "-1000000.01")));

        assertRefused(write(changeOrders(contractNumber), order), "/lineChanges/0/amountDelta", "NEGATIVE_AMOUNT");
    }

    @Test
    void rejectsNewLineWithANumberTheContractAlreadyHas() {
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        order.put("lineChanges", list());
        order.put("newLines", list(newTimeAndMaterialsLine(1)));

        assertRefused(write(changeOrders(contractNumber), order), "/newLines/0/lineNumber", "LINE_NUMBER_TAKEN");
    }

    @Test
    void rejectsLineChangesOnASeparateContractChangeOrder() {
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        order.put("modificationType", "SEPARATE_CONTRACT");
        order.put("newLines", list(newTimeAndMaterialsLine(4)));

        assertRefused(write(changeOrders(contractNumber), order), "/lineChanges", "NOT_APPLICABLE");
    }

    @Test
    void rejectsSeparateContractChangeOrderWithoutNewLines() {
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        order.put("modificationType", "SEPARATE_CONTRACT");
        order.put("lineChanges", list());
        order.put("newLines", list());

        assertRefused(write(changeOrders(contractNumber), order), "/newLines", "NEW_LINES_REQUIRED");
    }

    @Test
    void acceptsSeparateContractChangeOrderThatOnlyAddsLines() {
        // the valid counterpart of the two SEPARATE_CONTRACT refusals above
        String contractNumber = postedContract();
        Map<String, Object> order = changeOrder(unique("CO"));
        order.put("modificationType", "SEPARATE_CONTRACT");
        order.put("lineChanges", list());
        order.put("newLines", list(newTimeAndMaterialsLine(4)));

        posted(changeOrders(contractNumber), order).then().body("type", equalTo("CHANGE_ORDER"));
    }

    // --- helpers ---------------------------------------------------------------------------

    private static String changeOrders(String contractNumber) {
        return CONTRACTS + "/" + contractNumber + "/change-orders";
    }

    private static Map<String, Object> newTimeAndMaterialsLine(int lineNumber) {
        return map("lineNumber", lineNumber, "itemNumber", "SVC-TM", "billingMethod", "TIME_AND_MATERIALS",
                "rates", list(map("role", "ARCHITECT", "hourlyRate", "210.00")));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> rates(Map<String, Object> body, int line) {
        return (List<Object>) at(body, "lines", line).get("rates");
    }
}
