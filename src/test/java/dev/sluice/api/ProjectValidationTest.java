package dev.sluice.api;

import static dev.sluice.support.Bodies.acceptance;
import static dev.sluice.support.Bodies.at;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.milestone;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Refusals.assertRefused;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Business and master-data rules on projects and on milestone progress: each broken rule is
 * answered 422 validation-failed with the rule's code at the member that breaks it.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class ProjectValidationTest extends ApiTest {

    private static final String PROJECTS = "/api/v1/projects";

    // --- projects --------------------------------------------------------------------------

    @Test
    void rejectsProjectOnUnknownContract() {
        assertRefused(write(PROJECTS, project(unique("P"), unique("C"))), "/contractNumber", "UNKNOWN_CONTRACT");
    }

    @Test
    void rejectsProjectManagedByUnknownEmployee() {
        Map<String, Object> body = project(unique("P"), postedContract());
        body.put("projectManager", "EMP-404");

        assertRefused(write(PROJECTS, body), "/projectManager", "UNKNOWN_EMPLOYEE");
    }

    @Test
    void rejectsProjectManagedByTerminatedEmployee() {
        Map<String, Object> body = project(unique("P"), postedContract());
        body.put("projectManager", "EMP-008");

        assertRefused(write(PROJECTS, body), "/projectManager", "EMPLOYEE_TERMINATED");
    }

    @Test
    void rejectsTwoTasksWithTheSameCode() {
        Map<String, Object> body = project(unique("P"), postedContract());
        at(body, "tasks", 1).put("taskCode", "T1");

        assertRefused(write(PROJECTS, body), "/tasks/1/taskCode", "DUPLICATE_TASK");
    }

    @Test
    void rejectsTaskOnALineTheContractDoesNotHave() {
        Map<String, Object> body = project(unique("P"), postedContract());
        at(body, "tasks", 2).put("contractLine", 9);

        assertRefused(write(PROJECTS, body), "/tasks/2/contractLine", "UNKNOWN_CONTRACT_LINE");
    }

    // --- milestones ------------------------------------------------------------------------

    @Test
    void rejectsCompletionOfAMilestoneNotOnTheProjectsContract() {
        String contractNumber = postedContract();
        String projectCode = postedProject(contractNumber);

        assertRefused(write(completions(projectCode, "M-NOT-THERE"), acceptance()),
                "path:milestoneCode", "MILESTONE_NOT_ON_CONTRACT");
    }

    @Test
    void rejectsCompletionOnUnknownProject() {
        assertRefused(write(completions(unique("P"), "M1"), acceptance()), "path:projectCode", "UNKNOWN_PROJECT");
    }

    @Test
    void rejectsAcceptanceThatDoesNotNameWhoAccepted() {
        String contractNumber = postedContract();
        String projectCode = postedProject(contractNumber);
        Map<String, Object> body = acceptance();
        body.remove("acceptedBy");

        assertRefused(write(completions(projectCode, milestone(contractNumber, "M1")), body),
                "/acceptedBy", "ACCEPTANCE_INCOMPLETE");
    }

    @Test
    void rejectsPercentCompleteAboveOneHundred() {
        String contractNumber = postedContract();
        String projectCode = postedProject(contractNumber);
        // the Percent schema lets up to three digits through; the business rule caps it at 100
        Map<String, Object> body = map("percentComplete", "150", "accepted", false);

        assertRefused(write(completions(projectCode, milestone(contractNumber, "M1")), body),
                "/percentComplete", "PERCENT_OUT_OF_RANGE");
    }

    // --- helpers ---------------------------------------------------------------------------

}
