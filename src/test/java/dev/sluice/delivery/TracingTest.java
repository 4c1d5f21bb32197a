package dev.sluice.delivery;

import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * With tracing switched on, a write's trace runs from the caller's span through the gateway's
 * answer to the delivery that posted it, and the ERP is handed the delivery span's context.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(TracingTest.TracingOn.class)
class TracingTest extends ApiTest {

    /** Tracing on, exported to memory instead of a collector. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:1");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SpansInMemory.class);
        }
    }

    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class SpansInMemory {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    DataSource dataSource;

    @Test
    void aWritesTraceRunsFromTheCallerThroughTheGatewayToTheErp() throws Exception {
        String projectCode = postedProject(postedContract());
        String operationId = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .body(timeApproval(timeEntry(unique("TE"), projectCode))).post("/api/v1/time-approvals")
                .then().statusCode(202).extract().path("operationId");
        awaitFinal("/api/v1/operations/" + operationId, "POSTED");

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(operationId) != null);
        SpanData delivery = delivery(operationId);
        assertThat(delivery.getTraceId()).as("trace of the delivery").isEqualTo(CALLER_TRACE);
        assertThat(delivery.getParentSpanId()).as("parent of the delivery span").isEqualTo(CALLER_SPAN);
        assertThat(delivery.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(delivery.getName()).isEqualTo("erp.post sandbox");
        assertThat(delivery.getAttributes().get(DeliveryTracing.ATTEMPT)).isEqualTo(1L);

        List<SpanData> answered = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(CALLER_TRACE)).toList();
        assertThat(answered).as("the gateway's span answering the write, in the caller's trace").hasSize(1);
        assertThat(answered.get(0).getParentSpanId()).isEqualTo(CALLER_SPAN);

        assertThat(traceparentTheErpGot(operationId))
                .isEqualTo("00-" + CALLER_TRACE + "-" + delivery.getSpanId() + "-01");
    }

    private SpanData delivery(String operationId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> operationId.equals(s.getAttributes().get(DeliveryTracing.OPERATION)))
                .findFirst().orElse(null);
    }

    private String traceparentTheErpGot(String operationId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select traceparent from sandbox.delivery where reference like ?")) {
            query.setString(1, operationId + ":%");
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the sandbox recorded the delivery").isTrue();
                return row.getString(1);
            }
        }
    }
}
