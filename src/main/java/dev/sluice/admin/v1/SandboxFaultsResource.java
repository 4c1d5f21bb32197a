package dev.sluice.admin.v1;

import dev.sluice.admin.v1.generated.SandboxApi;
import dev.sluice.admin.v1.model.SandboxFaults;
import dev.sluice.erp.FaultInjection;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;

/** The sandbox ERP's simulated faults, for chaos tests. */
public class SandboxFaultsResource implements SandboxApi {

    private final ErpRouting erp;

    SandboxFaultsResource(ErpRouting erp) {
        this.erp = erp;
    }

    @Override
    public Response getSandboxFaults(String correlationId) {
        return Response.ok(model(injection().faults())).build();
    }

    @Override
    public Response setSandboxFaults(SandboxFaults f, String correlationId) {
        FaultInjection.Faults faults = new FaultInjection.Faults(Boolean.TRUE.equals(f.getOutage()),
                f.getFixedLatencyMs() == null ? 0 : f.getFixedLatencyMs(),
                f.getRandomLatencyMs() == null ? 0 : f.getRandomLatencyMs(),
                f.getErrorRate() == null ? 0 : f.getErrorRate().doubleValue(),
                f.getThrottleRetryAfterSeconds(), new ArrayList<>(f.getRefuseContracts()), f.getPostingsPerSecond());
        return Response.ok(model(injection().set(faults))).build();
    }

    private FaultInjection injection() {
        return erp.faultInjection().orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND,
                "No routed ERP backend simulates faults; only the sandbox does, and it is not routed"));
    }

    private static SandboxFaults model(FaultInjection.Faults f) {
        return new SandboxFaults().outage(f.outage()).fixedLatencyMs(f.fixedLatencyMs())
                .randomLatencyMs(f.randomLatencyMs()).errorRate(java.math.BigDecimal.valueOf(f.errorRate()))
                .throttleRetryAfterSeconds(f.throttleRetryAfterSeconds())
                .refuseContracts(new LinkedHashSet<>(f.refuseContracts()))
                .postingsPerSecond(f.postingsPerSecond());
    }
}
