package dev.sluice.support;

import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A deployment as replicas share one: a fresh database on the tests' PostgreSQL and the gateway
 * processes started on it, all stopped (and the database dropped) on {@link #close()}. As a
 * {@code @RegisterExtension} field, each test gets its own, closed after it.
 */
public final class Deployment implements AutoCloseable, AfterEachCallback {

    private final PostgresResource postgres = new PostgresResource();
    private final Map<String, String> database;
    private final List<GatewayProcess> gateways = new CopyOnWriteArrayList<>();

    public Deployment() {
        database = postgres.start();
    }

    /** Starts a gateway on the deployment's database and returns once it is ready. */
    public GatewayProcess start(String name, Map<String, String> config) {
        GatewayProcess gateway = GatewayProcess.start(name, database, config);
        gateways.add(gateway);
        return gateway;
    }

    /** Starts a gateway on the deployment's database and returns once it is ready, waiting up to {@code readyWithin}. */
    public GatewayProcess start(String name, Map<String, String> config, Duration readyWithin) {
        GatewayProcess gateway = GatewayProcess.start(name, database, config, readyWithin);
        gateways.add(gateway);
        return gateway;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"), database.get("quarkus.datasource.password"));
    }

    /** The single number {@code sql} selects. */
    public long count(String sql) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        gateways.forEach(GatewayProcess::close);
        RestAssured.port = RestAssured.DEFAULT_PORT;
        postgres.stop();
    }
}
