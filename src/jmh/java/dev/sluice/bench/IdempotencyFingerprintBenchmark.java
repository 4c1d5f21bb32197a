package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.platform.Json;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The idempotency fingerprint every write computes ({@code Writes#accept}):
 * {@code Json.sha256(call.target() + "\n" + json.canonical(call.body()))}, i.e.
 * {@link Json#canonical(Object)} of the validated request body (members sorted at every depth,
 * no whitespace) and {@link Json#sha256(String)} of it with the method and path. The body is a
 * time approval of {@code entries} entries ({@link TimeBatches}), parsed as {@code BodyValidation}
 * parses it; {@link Json} is built on the application's mapper ({@link GatewayJson}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IdempotencyFingerprintBenchmark {

    @Param({"1", "100"})
    public int entries;

    private Json json;
    private String target;
    private JsonNode body;

    @Setup
    public void setUp() {
        ObjectMapper mapper = GatewayJson.mapper();
        json = new Json(mapper);
        target = "POST /api/v1/time-approvals";
        body = GatewayJson.parseBody(mapper, TimeBatches.bytes(mapper, TimeBatches.body(entries)));
        if (body.path("entries").size() != entries) {
            throw new IllegalStateException("the body has " + body.path("entries").size() + " entries");
        }
    }

    /** The fingerprint, as {@code Writes#accept} computes it. */
    @Benchmark
    public String fingerprint() {
        return Json.sha256(target + "\n" + json.canonical(body));
    }

    /** Only the canonical text of the body. */
    @Benchmark
    public String canonical() {
        return json.canonical(body);
    }
}
