package dev.sluice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A Redis server of the test's own, on a free port, started from the machine's
 * {@code redis-server}: it can be stopped mid-test and started again on the same port.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private ProcessHandle process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** The server another class loader of this JVM started (test resources and tests may not share one). */
    public static RedisServer attach(int port, long pid) {
        RedisServer server = new RedisServer(port);
        server.process = ProcessHandle.of(pid).orElse(null);
        return server;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public static RedisServer start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServer server = new RedisServer(port);
        server.resume();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port, with nothing kept from before. */
    public synchronized void resume() {
        try {
            Path logs = Files.createDirectories(Path.of("target/redis").toAbsolutePath());
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(logs.resolve("redis-" + port + ".log").toFile()).start()
                    .toHandle();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server could not be started; is it installed?", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    /** Kills the server: connections drop, and the port refuses until {@link #resume()}. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.onExit().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
