package dev.sluice.api;

import static dev.sluice.support.Bodies.acceptance;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.milestone;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The path a new integrator takes: contract, project, time, milestone, each followed to POSTED. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class WorkflowTest extends ApiTest {

    @Test
    void contractProjectTimeAndMilestoneEachReachTheErp() {
        String contractNumber = unique("C");
        String projectCode = unique("P");

        Response contract = posted("/api/v1/contracts", contract(contractNumber));
        contract.then().body("type", equalTo("CONTRACT_UPSERT"))
                .body("erpReferences[0].backend", equalTo("sandbox"))
                .body("erpReferences[0].documentType", equalTo("CONTRACT"))
                .body("postedAt", notNullValue());

        posted("/api/v1/projects", project(projectCode, contractNumber))
                .then().body("erpReferences[0].documentType", equalTo("PROJECT"));

        posted("/api/v1/time-approvals", timeApproval(timeEntry(unique("TE"), projectCode)))
                .then().body("erpReferences", hasSize(1))
                .body("erpReferences[0].documentType", equalTo("TIME_ENTRY"));

        posted("/api/v1/projects/" + projectCode + "/milestones/" + milestone(contractNumber, "M1") + "/completions",
                acceptance())
                .then().body("erpReferences[0].documentType", equalTo("MILESTONE_COMPLETION"));

        given().get("/api/v1/contracts/" + contractNumber).then().statusCode(200)
                .body("lines", hasSize(3))
                .body("lines[1].milestones[0].milestoneCode", equalTo(milestone(contractNumber, "M1")))
                .body("erpReference.documentId", startsWith("SBX-CT-"));
        given().get("/api/v1/projects/" + projectCode).then().statusCode(200)
                .body("contractNumber", equalTo(contractNumber))
                .body("tasks", hasSize(3));
    }
}
