package dev.sluice.api;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static dev.sluice.support.Refusals.assertAccepted;
import static dev.sluice.support.Refusals.assertRefused;
import static dev.sluice.support.Refusals.violation;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import dev.sluice.support.ApiTest;
import dev.sluice.support.ErpHold;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Business and master-data rules on approved time: each broken rule is answered 422
 * validation-failed with the rule's code at the member that breaks it; every violation of a
 * batch is listed; and writes accepted but not yet posted count as if they were.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class TimeValidationTest extends ApiTest {

    private static final String TIME = "/api/v1/time-approvals";

    @Test
    void rejectsTimeOfUnknownEmployee() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("employeeNumber", "EMP-404");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/employeeNumber", "UNKNOWN_EMPLOYEE");
    }

    @Test
    void rejectsTimeForTerminatedEmployeeAfterTerminationDate() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("employeeNumber", "EMP-008"); // terminated on 2026-03-31
        workedOn(entry, "2026-04-01");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/employeeNumber", "EMPLOYEE_TERMINATED");
    }

    @Test
    void acceptsTimeForTerminatedEmployeeOnTheirLastDay() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("employeeNumber", "EMP-008"); // terminated on 2026-03-31, still employed that day
        workedOn(entry, "2026-03-31");

        Response accepted = write(TIME, timeApproval(entry));

        assertAccepted(accepted);
        awaitFinal(accepted.header("Location"), "POSTED");
    }

    @Test
    void rejectsTimeOnUnknownProject() {
        Map<String, Object> entry = timeEntry(unique("TE"), unique("P"));

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/projectCode", "UNKNOWN_PROJECT");
    }

    @Test
    void rejectsTimeOnUnknownTask() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("taskCode", "T9");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/taskCode", "UNKNOWN_TASK");
    }

    @Test
    void rejectsBillableTimeOnNonBillableTask() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("taskCode", "T2");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/billable", "TASK_NOT_BILLABLE");
    }

    @Test
    void rejectsBillableTimeForRoleWithoutRateOnTheLine() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("role", "ARCHITECT"); // line 1 has a rate for CONSULTANT only

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/role", "NO_CONTRACT_RATE");
    }

    @Test
    void rejectsZeroHours() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("hours", "0");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/hours", "HOURS_OUT_OF_RANGE");
    }

    @Test
    void rejectsMoreThanTwentyFourHoursInOneEntry() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("hours", "24.50");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/hours", "HOURS_OUT_OF_RANGE");
    }

    @Test
    void acceptsExactlyTwentyFourHoursInOneEntry() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("hours", "24.00");

        assertAccepted(write(TIME, timeApproval(entry)));
    }

    @Test
    void rejectsMoreThanTwentyFourHoursForOneEmployeeOnOneDayAndFlagsEveryEntry() {
        String projectCode = postedProject();
        Map<String, Object> morning = timeEntry(unique("TE"), projectCode);
        morning.put("hours", "14.00");
        Map<String, Object> evening = timeEntry(unique("TE"), projectCode);
        evening.put("hours", "12.00");

        Response response = write(TIME, timeApproval(morning, evening));

        assertRefused(response);
        response.then().body("errors", hasItems(
                violation("/entries/0/hours", "DAILY_HOURS_EXCEEDED"),
                violation("/entries/1/hours", "DAILY_HOURS_EXCEEDED")));
    }

    @Test
    void rejectsWorkDateAfterTheContractEnds() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        workedOn(entry, "2027-01-15"); // the contract runs 2026-01-01 to 2026-12-31

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/workDate", "WORK_DATE_OUTSIDE_CONTRACT");
    }

    @Test
    void rejectsTheSameEntryTwiceInOneBatch() {
        String projectCode = postedProject();
        String externalId = unique("TE");
        Map<String, Object> first = timeEntry(externalId, projectCode);
        Map<String, Object> again = timeEntry(externalId, projectCode);
        workedOn(again, "2026-02-04");

        assertRefused(write(TIME, timeApproval(first, again)), "/entries/1/externalId", "DUPLICATE_ENTRY");
    }

    @Test
    void rejectsTimeApprovedByUnknownEmployee() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("approvedBy", "EMP-404");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/approvedBy", "UNKNOWN_EMPLOYEE");
    }

    @Test
    void rejectsTimeApprovedByEmployeeWhoHadLeft() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("workDate", "2026-03-30");
        entry.put("approvedBy", "EMP-008"); // terminated on 2026-03-31
        entry.put("approvedAt", "2026-04-02T09:00:00Z");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/approvedBy", "EMPLOYEE_TERMINATED");
    }

    @Test
    void rejectsTimeApprovedBeforeItWasWorked() {
        Map<String, Object> entry = timeEntry(unique("TE"), postedProject());
        entry.put("workDate", "2026-02-03");
        entry.put("approvedAt", "2026-02-02T17:00:00Z");

        assertRefused(write(TIME, timeApproval(entry)), "/entries/0/approvedAt", "APPROVED_BEFORE_WORK");
    }

    @Test
    void listsEveryViolationOfABatchNotOnlyTheFirst() {
        String projectCode = postedProject();
        Map<String, Object> unknownEmployee = entry(projectCode, "2026-02-02");
        unknownEmployee.put("employeeNumber", "EMP-404");
        Map<String, Object> zeroHours = entry(projectCode, "2026-02-03");
        zeroHours.put("hours", "0");
        Map<String, Object> unknownTask = entry(projectCode, "2026-02-04");
        unknownTask.put("taskCode", "T9");
        Map<String, Object> notBillable = entry(projectCode, "2026-02-05");
        notBillable.put("taskCode", "T2");
        Map<String, Object> noRate = entry(projectCode, "2026-02-06");
        noRate.put("role", "ARCHITECT");

        Response response = write(TIME, timeApproval(unknownEmployee, zeroHours, unknownTask, notBillable, noRate));

        assertRefused(response);
        response.then().body("errors", hasItems(
                violation("/entries/0/employeeNumber", "UNKNOWN_EMPLOYEE"),
                violation("/entries/1/hours", "HOURS_OUT_OF_RANGE"),
                violation("/entries/2/taskCode", "UNKNOWN_TASK"),
                violation("/entries/3/billable", "TASK_NOT_BILLABLE"),
                violation("/entries/4/role", "NO_CONTRACT_RATE")));
    }

    @Test
    void validatesAgainstWritesAcceptedButNotYetPosted() {
        String contractNumber = unique("C");
        String projectCode = unique("P");
        Response contract;
        Response project;
        Response time;

        // the project's contract and the time's project are only accepted, not yet in the ERP
        try (ErpHold hold = ErpHold.contractPostings()) {
            contract = write("/api/v1/contracts", contract(contractNumber));
            assertAccepted(contract);
            project = write("/api/v1/projects", project(projectCode, contractNumber));
            assertAccepted(project);
            time = write(TIME, timeApproval(timeEntry(unique("TE"), projectCode)));
            assertAccepted(time);
            assertThat(given().get(contract.header("Location")).<String>path("status"))
                    .as("the contract must still be pending while the project and time are validated")
                    .isIn("ACCEPTED", "DELIVERING");
        }

        awaitFinal(contract.header("Location"), "POSTED");
        awaitFinal(project.header("Location"), "POSTED");
        awaitFinal(time.header("Location"), "POSTED");
    }

    // --- helpers ---------------------------------------------------------------------------

    /** A posted contract (Bodies.contract) with a posted project on it (tasks T1, T2, T3). */
    private static String postedProject() {
        return postedProject(postedContract());
    }

    private static Map<String, Object> entry(String projectCode, String workDate) {
        Map<String, Object> entry = timeEntry(unique("TE"), projectCode);
        workedOn(entry, workDate);
        return entry;
    }
}
