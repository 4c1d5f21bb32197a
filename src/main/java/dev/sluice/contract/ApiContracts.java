package dev.sluice.contract;

import dev.sluice.contract.OpenApiContract.OperationSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every contract the gateway serves. Operation ids are unique across them, and a resource
 * method is named after the operation it implements, so the matched method names its spec.
 */
public final class ApiContracts {

    private static final List<OpenApiContract> ALL = List.of(OpenApiContract.v1(), OpenApiContract.adminV1());

    private ApiContracts() {
    }

    public static List<OpenApiContract> all() {
        return ALL;
    }

    /** Every OAuth scope the contracts declare. */
    public static Set<String> scopes() {
        Set<String> scopes = new TreeSet<>();
        for (OpenApiContract contract : ALL) {
            contract.document().path("components").path("securitySchemes").forEach(scheme ->
                    scheme.path("flows").forEach(flow -> flow.path("scopes").fieldNames().forEachRemaining(scopes::add)));
        }
        return scopes;
    }

    public static Optional<OperationSpec> operation(String operationId) {
        return ALL.stream().flatMap(c -> c.operation(operationId).stream()).findFirst();
    }

    /** The methods some served contract answers at {@code path}, e.g. for an {@code Allow} header. */
    public static List<String> methodsAt(String path) {
        return ALL.stream().flatMap(c -> c.methodsAt(path).stream()).distinct().sorted().toList();
    }

    /** The contract whose generated models include {@code type}, if any. */
    public static Optional<OpenApiContract> ofModel(Class<?> type) {
        return ALL.stream().filter(c -> c.modelPackage().equals(type.getPackageName())).findFirst();
    }
}
