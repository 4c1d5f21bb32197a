package dev.sluice.erp.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.domain.MasterDataType;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sandbox's seed is replaceable: with {@code sluice.sandbox.master-data-file} pointing at
 * {@code seed/replacement-master-data.yaml}, the gateway serves that file's records and no
 * others. The loader needs the database, so this runs the application with that profile.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(SandboxMasterDataTest.ReplacedSeed.class)
class SandboxMasterDataTest extends ApiTest {

    public static class ReplacedSeed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.sandbox.master-data-file", seedFile().toString());
        }
    }

    static Path seedFile() {
        try {
            return Path.of(SandboxMasterDataTest.class.getClassLoader()
                    .getResource("seed/replacement-master-data.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    SandboxMasterData sandboxMasterData;

    @Inject
    DataSource dataSource;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "customers, customerNumber, CUST-100 CUST-101",
            "employees, employeeNumber, EMP-100",
            "items, itemNumber, SVC-REPL",
            "legal-entities, code, FR01 US01",
            "currencies, code, EUR USD",
            "tax-codes, code, FR-STD"})
    void theApiServesTheFilesRecords(String type, String key, String codes) {
        List<String> served = all(type, key);

        assertThat(served).containsExactly(codes.split(" "));
    }

    @Test
    void aTypeTheFileLacksHasNoRecords() {
        assertThat(all("gl-accounts", "number")).isEmpty();
    }

    @Test
    void aRecordInTheFileReplacesTheBuiltInOneOfTheSameCode() {
        String name = given().get("/api/v1/master-data/legal-entities/US01").path("name");

        assertThat(name).isEqualTo("Replacement Consulting Inc.");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"customers, CUST-001", "employees, EMP-001", "items, SVC-TM", "legal-entities, GB01",
            "currencies, GBP", "tax-codes, US-EXEMPT", "gl-accounts, 1200"})
    void builtInRecordsAreNotServed(String type, String code) {
        Response answer = given().get("/api/v1/master-data/" + type + "/" + code);

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    /**
     * Each start here gets a fresh database, so the built-in records were never stored. A
     * database that already holds them (the gateway ran with the built-in seed before) is
     * simulated by storing one, then loading again as at start-up.
     */
    @Test
    void loadingRemovesStoredRecordsOfAListedTypeThatTheFileLacks() throws SQLException {
        store("customers", "CUST-001",
                "{\"customerNumber\":\"CUST-001\",\"name\":\"Northwind Traders\",\"status\":\"ACTIVE\",\"currency\":\"USD\"}");

        try {
            sandboxMasterData.load(new StartupEvent());

            assertThat(sandboxMasterData.find(MasterDataType.CUSTOMERS, "CUST-001")).isEmpty();
        } finally {
            remove("customers", "CUST-001");
        }
    }

    @Test
    void loadingRemovesStoredRecordsOfATypeTheFileLacks() throws SQLException {
        store("gl-accounts", "1200", "{\"number\":\"1200\",\"name\":\"Accounts receivable\",\"type\":\"ASSET\"}");

        try {
            sandboxMasterData.load(new StartupEvent());

            assertThat(sandboxMasterData.find(MasterDataType.GL_ACCOUNTS, "1200")).isEmpty();
        } finally {
            remove("gl-accounts", "1200");
        }
    }

    private static List<String> all(String type, String key) {
        List<String> codes = new ArrayList<>();
        String next = "/api/v1/master-data/" + type + "?limit=1";
        while (next != null) {
            Response page = given().get(next).then().statusCode(200).extract().response();
            codes.addAll(page.<List<String>>path("items." + key));
            next = page.path("next");
        }
        return codes;
    }

    private void store(String type, String code, String body) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into sandbox.master_record (type, code, body) values (?, ?, cast(? as jsonb))")) {
            insert.setString(1, type);
            insert.setString(2, code);
            insert.setString(3, body);
            insert.executeUpdate();
        }
    }

    /** Leaves the database as the file made it, whatever the loader did. */
    private void remove(String type, String code) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from sandbox.master_record where type = ? and code = ?")) {
            delete.setString(1, type);
            delete.setString(2, code);
            delete.executeUpdate();
        }
    }
}
