package dev.sluice.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for the tests: a fresh database on the server at 127.0.0.1:5432 when one
 * answers (as on CI), dropped afterwards; otherwise an embedded PostgreSQL of the test's own.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;

    private String database;
    private EmbeddedPostgres embedded;

    @Override
    public Map<String, String> start() {
        if (serverAnswers()) {
            database = "sluice_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute("create database " + database);
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database,
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "");
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Neither a PostgreSQL server nor an embedded one is available", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", embedded.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("drop database if exists " + database + " with (force)");
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean serverAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database: " + sql, e);
        }
    }
}
