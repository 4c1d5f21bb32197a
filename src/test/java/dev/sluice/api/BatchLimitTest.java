package dev.sluice.api;

import static dev.sluice.api.ProblemAssertions.assertProblem;
import static dev.sluice.api.ProblemAssertions.errors;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A time-approval batch holds 1 to 500 entries. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class BatchLimitTest extends ApiTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);

    /**
     * {@code count} distinct entries: two employees, one 7.5-hour entry each per day, on
     * consecutive days from 1 January 2026 (500 entries end in September).
     */
    private static List<Map<String, Object>> entries(int count, String projectCode) {
        String batch = unique("TE");
        List<Map<String, Object>> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDate workDate = FIRST_DAY.plusDays(i / 2);
            Map<String, Object> entry = timeEntry(batch + "-" + i, projectCode);
            entry.put("employeeNumber", i % 2 == 0 ? "EMP-001" : "EMP-003");
            workedOn(entry, workDate.toString());
            entries.add(entry);
        }
        return entries;
    }

    @Test
    void rejectsBatchOfMoreThan500Entries() {
        Response response = write("/api/v1/time-approvals", timeApproval(entries(501, unique("P"))));

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("/entries TOO_MANY_ITEMS");
    }

    @Test
    void rejectsEmptyBatch() {
        Response response = write("/api/v1/time-approvals", timeApproval(List.of()));

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("/entries TOO_FEW_ITEMS");
    }

    @Test
    void acceptsBatchOfExactly500Entries() {
        String contractNumber = unique("C");
        String projectCode = unique("P");
        posted("/api/v1/contracts", contract(contractNumber));
        posted("/api/v1/projects", project(projectCode, contractNumber));

        Response response = write("/api/v1/time-approvals", timeApproval(entries(500, projectCode)));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        assertThat(response.jsonPath().getString("type")).isEqualTo("TIME_APPROVAL");
        assertThat(response.jsonPath().getString("status")).isIn("ACCEPTED", "DELIVERING", "POSTED");
    }
}
