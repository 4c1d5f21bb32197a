package dev.sluice.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.sluice.api.problem.Problems;
import dev.sluice.domain.Violation;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A refusal rendered as {@code application/problem+json} bytes, as {@code ProblemMapping#problem}
 * answers a {@link ProblemException}: {@link Problems#response} builds the response around the
 * contract's {@code Problem} model, whose entity Quarkus REST's Jackson writer then serialises with
 * the application's mapper ({@code ObjectWriter#writeValue}; here to a byte array). Measured for a
 * rejected 100-entry time batch ({@code 422 validation-failed}, 100 violations, made with
 * {@link ProblemException#of} as {@code Writes} does) and for a problem with no violations
 * ({@code 401 unauthorized} with its {@code WWW-Authenticate} header, as {@code AccessControl} refuses).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProblemRenderingBenchmark {

    private ObjectWriter writer;
    private String instance;
    private String correlationId;
    private List<Violation> hundredViolations;

    @Setup
    public void setUp() {
        writer = GatewayJson.mapper().writer();
        instance = "/api/v1/time-approvals";
        correlationId = "0f6d3c1e-8a4b-4f5e-9d2c-7b1a0e3f4c5d";
        hundredViolations = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // as TimeRules reports an unknown employee
            hundredViolations.add(new Violation("/entries/" + i + "/employeeNumber", "UNKNOWN_EMPLOYEE",
                    "no employee EMP-" + (9000 + i) + " in the ERP"));
        }
        byte[] rendered = bytes(response(ProblemException.of(ProblemKind.VALIDATION_FAILED, hundredViolations)));
        if (!new String(rendered, StandardCharsets.UTF_8).contains("/entries/99/employeeNumber")) {
            throw new IllegalStateException("the problem does not list every violation");
        }
    }

    /** 422 with the 100 violations of a rejected batch. */
    @Benchmark
    public byte[] validationFailed(Blackhole blackhole) {
        return render(ProblemException.of(ProblemKind.VALIDATION_FAILED, hundredViolations), blackhole);
    }

    /** 401 with no violations and a WWW-Authenticate header. */
    @Benchmark
    public byte[] unauthorized(Blackhole blackhole) {
        return render(new ProblemException(ProblemKind.UNAUTHORIZED, "A bearer token is required", List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"sluice\", error=\"invalid_token\"")), blackhole);
    }

    private byte[] render(ProblemException e, Blackhole blackhole) {
        Response response = response(e);
        blackhole.consume(response);
        return bytes(response);
    }

    /** As {@code ProblemMapping#problem} answers the exception. */
    private Response response(ProblemException e) {
        return Problems.response(e.kind(), e.detail(), instance, correlationId, e.violations(), e.headers());
    }

    private byte[] bytes(Response response) {
        try {
            return writer.writeValueAsBytes(response.getEntity());
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
