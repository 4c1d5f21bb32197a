package dev.sluice.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the gateway's rate limits at a Redis of the test's own. Tests reach it with
 * {@link #server()}, through system properties, as the resource may live in another class loader.
 */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    private static final String PORT = "sluice.test.redis.port";
    private static final String PID = "sluice.test.redis.pid";

    private RedisServer server;

    /** The running test Redis, to stop and start it mid-test. */
    public static RedisServer server() {
        return RedisServer.attach(Integer.getInteger(PORT), Long.getLong(PID));
    }

    /** Records a restarted server, so later calls of {@link #server()} find it. */
    public static void restarted(RedisServer server) {
        System.setProperty(PID, Long.toString(server.pid()));
    }

    @Override
    public Map<String, String> start() {
        server = RedisServer.start();
        System.setProperty(PORT, Integer.toString(server.port()));
        System.setProperty(PID, Long.toString(server.pid()));
        return Map.of("quarkus.redis.hosts", server.url());
    }

    @Override
    public void stop() {
        server().close();
    }
}
