package dev.sluice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gateway as operators run it: the packaged application ({@code target/quarkus-app}) in a
 * process of its own, on the tests' PostgreSQL and Keycloak. Several share one database the way
 * replicas do; one can be killed with SIGKILL.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path APPLICATION = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;

    private GatewayProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a gateway on the database and returns once it is ready.
     *
     * @param database what {@link PostgresResource#start()} answered
     * @param config further configuration, e.g. {@code sluice.delivery.enabled=false}
     */
    public static GatewayProcess start(String name, Map<String, String> database, Map<String, String> config) {
        return start(name, database, config, Duration.ofSeconds(90));
    }

    /**
     * As {@link #start(String, Map, Map)}, waiting up to {@code readyWithin} for the gateway to be
     * ready: one started while others serve a stream of requests on a busy machine takes longer.
     */
    public static GatewayProcess start(String name, Map<String, String> database, Map<String, String> config,
            Duration readyWithin) {
        if (!Files.isRegularFile(APPLICATION)) {
            throw new IllegalStateException(APPLICATION + " is missing: these tests run after the package phase");
        }
        TestKeycloak keycloak = TestKeycloak.get();
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> properties = new TreeMap<>(database);
        // the development setup, as scripts/run runs it: test secrets, the sandbox, a local Keycloak
        properties.put("sluice.mode", "development");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("quarkus.management.port", Integer.toString(managementPort));
        properties.put("quarkus.oidc.auth-server-url", keycloak.issuer());
        properties.put("quarkus.keycloak.admin-client.server-url", keycloak.baseUrl());
        properties.put("quarkus.log.console.json.enabled", "false");
        properties.put("sluice.delivery.poll-interval", "PT0.1S");
        // stopped at once when a test is done with it; the shutdown test brings the shipped delay
        properties.put("quarkus.shutdown.delay", "PT0S");
        // plans far above what a test sends, unless the test brings its own
        properties.put("sluice.rate-limits.file",
                Path.of("src/test/resources/rate-limits/unmetered.yaml").toAbsolutePath().toString());
        properties.putAll(config);
        List<String> command = command("-Xmx512m", properties);
        try {
            Path logs = Files.createDirectories(Path.of("target/gateways").toAbsolutePath());
            Path log = logs.resolve(name + "-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            GatewayProcess gateway = new GatewayProcess(name, port, managementPort, process, log);
            gateway.awaitReady(readyWithin);
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the packaged gateway in {@code workingDirectory} with only the settings given, as an
     * operator's bare {@code java -jar} would, and waits for it to exit: for starts that must be
     * refused.
     *
     * @return the exit code and everything the process wrote
     */
    public static Exit runToExit(Path workingDirectory, Map<String, String> config) {
        List<String> command = command("-Xmx256m", config);
        try {
            Path log = Files.createTempFile("gateway-", ".log");
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("The gateway did not exit within 90 s: " + Files.readString(log));
            }
            return new Exit(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code java -jar} of the packaged gateway with this heap and these settings as system properties. */
    private static List<String> command(String heap, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add(heap);
        new TreeMap<>(properties).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(APPLICATION.toString());
        return command;
    }

    /** How a gateway process ended: its exit code and what it wrote. */
    public record Exit(int code, String output) {
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where health and metrics answer: the management interface, as a probe or scraper reaches it. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** The operating-system process id; lineage names a delivering process by it. */
    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** Kills the process with SIGKILL: no shutdown hook, no transaction finished, no lease handed back. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Sends SIGTERM, as Kubernetes does to a pod it stops, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The exit code, once the process ended. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Gateway " + name + " still runs after " + limit + "; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the process wrote. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Gateway " + name + " exited with " + process.exitValue()
                        + " while starting; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Gateway " + name + " was not ready within " + limit + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
