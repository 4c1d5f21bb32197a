package dev.sluice.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Holds the sandbox ERP's contract postings back while open: a SHARE lock on the sandbox's
 * contract table lets everything read it (validation does) but makes a contract's posting wait
 * until the hold is closed. Since one contract's writes reach the ERP in order, everything
 * accepted for that contract after it stays pending too. The dispatcher wakes up on every accept,
 * so without such a hold a write would usually be posted before the next request is validated.
 */
public final class ErpHold implements AutoCloseable {

    private final Connection connection;

    private ErpHold(Connection connection) {
        this.connection = connection;
    }

    /** Holds back every contract posting until {@link #close()}. */
    public static ErpHold contractPostings() {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try {
            Connection connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local lock_timeout = '10s'");
                statement.execute("lock table sandbox.contract in share mode");
            }
            return new ErpHold(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot hold the sandbox ERP's contract postings back", e);
        }
    }

    /** Lets the held postings go through. */
    @Override
    public void close() {
        try (connection) {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release the sandbox ERP's contract postings", e);
        }
    }
}
