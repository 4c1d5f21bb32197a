package dev.sluice.governance;

import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The scope check {@link AccessControl} makes per request once the bearer token is verified:
 * the matched operation's spec looked up ({@link ApiContracts#operation(String)}), the token's
 * {@code scope} claim split into a set ({@link AccessControl#scopes(Object)}) and the operation's
 * required scopes checked against it ({@link AccessControl#requireScopes(OperationSpec, Set)}).
 * The token is the PSA demo client's, calling {@code approveTime} (needs {@code time:write}).
 * Token verification (signature, expiry) is Quarkus OIDC's and is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScopeCheckBenchmark {

    /** As Keycloak issues it to psa-demo: its default client scopes, space-separated. */
    private static final String SCOPE_CLAIM =
            "time:write milestones:write projects:read masterdata:read operations:read lineage:read";

    private String methodName;
    private Object claim;
    private OperationSpec operation;

    @Setup
    public void setUp() {
        methodName = "approveTime";
        claim = SCOPE_CLAIM;
        operation = ApiContracts.operation(methodName).orElseThrow();
        AccessControl.requireScopes(operation, AccessControl.scopes(claim)); // the caller is admitted
    }

    /** The whole check, as the filter does it for an admitted caller. */
    @Benchmark
    public Set<String> scopeCheck() {
        OperationSpec spec = ApiContracts.operation(methodName).orElseThrow();
        Set<String> granted = AccessControl.scopes(claim);
        AccessControl.requireScopes(spec, granted);
        return granted;
    }

    /** Only the operation's spec looked up by the matched resource method's name. */
    @Benchmark
    public OperationSpec operationLookup() {
        return ApiContracts.operation(methodName).orElseThrow();
    }

    /** Only the token's scope claim split into a set. */
    @Benchmark
    public Set<String> scopeClaimSplit() {
        return AccessControl.scopes(claim);
    }
}
