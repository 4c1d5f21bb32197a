package dev.sluice.erp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Routing and the guards it puts around remote backends, with adapters of the test's own. It
 * runs in the application, where the programmatic fault-tolerance guards are implemented.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class ErpRoutingTest {

    /** A remote ERP as the router sees it: holds some contracts, and answers posts as told. */
    static final class RemoteErp implements ErpBackend {
        final String name;
        final Set<String> contracts;
        final AtomicInteger contractLookups = new AtomicInteger();
        final AtomicInteger posts = new AtomicInteger();
        volatile RuntimeException failure;

        RemoteErp(String name, Set<String> contracts) {
            this.name = name;
            this.contracts = contracts;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
            return new Page<>(List.of(), null);
        }

        @Override
        public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
            return Optional.empty();
        }

        @Override
        public Optional<ContractState> findContract(String contractNumber) {
            contractLookups.incrementAndGet();
            return contracts.contains(contractNumber)
                    ? Optional.of(new ContractState(contractNumber, "CUST-1", name, "USD", LocalDate.of(2026, 1, 1),
                            LocalDate.of(2026, 12, 31), null, ContractState.Status.ACTIVE, List.of(), List.of(), null,
                            null))
                    : Optional.empty();
        }

        @Override
        public Optional<ProjectState> findProject(String projectCode) {
            return Optional.empty();
        }

        @Override
        public PostingOutcome post(Delivery delivery) {
            posts.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return new PostingOutcome.Refused("customer on hold", List.of());
        }
    }

    /** Makes the remote ERPs above by backend name, as an adapter package's factory would. */
    static final class RemoteFactory implements ErpAdapterFactory {
        final Map<String, RemoteErp> made = new java.util.HashMap<>();
        final Map<String, Set<String>> contracts;

        RemoteFactory(Map<String, Set<String>> contracts) {
            this.contracts = contracts;
        }

        @Override
        public String type() {
            return "remote";
        }

        @Override
        public ErpBackend create(BackendSettings settings) {
            settings.required("base-url");
            RemoteErp erp = new RemoteErp(settings.name(), contracts.getOrDefault(settings.name(), Set.of()));
            made.put(settings.name(), erp);
            return erp;
        }
    }

    private static RoutingPolicy policy(String yaml) {
        return RoutingPolicy.parse("routing.yaml", yaml, Map.<String, String>of()::get);
    }

    private static final String TWO_REMOTES = """
            default-backend: us
            legal-entities: { UK01: uk }
            backends:
              us: { type: remote, base-url: "https://us.example.test", guard: { post-timeout: 45s } }
              uk: { type: remote, base-url: "https://uk.example.test" }
            """;

    @Test
    void everyBackendProblemStopsTheStartTogether() {
        RoutingPolicy policy = policy("""
                default-backend: us
                backends:
                  us: { type: remote }
                  uk: { type: oracle-fusion }
                """);

        assertThatThrownBy(() -> new ErpRouting(policy, List.of(new RemoteFactory(Map.of()))))
                .isInstanceOf(dev.sluice.policy.PolicyFile.InvalidPolicyException.class)
                .hasMessageContaining("/backends/us/base-url: is required for a remote backend")
                .hasMessageContaining("/backends/uk/type: no adapter oracle-fusion; known: remote");
    }

    @Test
    void legalEntitiesReachTheirBackendAndTheLeaseMustOutlastTheLongestDelivery() {
        RemoteFactory factory = new RemoteFactory(Map.of());
        ErpRouting routing = new ErpRouting(policy(TWO_REMOTES), List.of(factory));

        assertThat(routing.backendFor("UK01").name()).isEqualTo("uk");
        assertThat(routing.backendFor("US01").name()).isEqualTo("us");
        assertThat(routing.defaultBackend().name()).isEqualTo("us");
        assertThat(routing.backends()).extracting(ErpBackend::name).containsExactly("us", "uk");
        assertThat(routing.longestPostTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aContractIsLookedForInEachBackendOnceThenWhereItWasFound() {
        RemoteFactory factory = new RemoteFactory(Map.of("uk", Set.of("C-UK-1")));
        ErpRouting routing = new ErpRouting(policy(TWO_REMOTES), List.of(factory));

        DocumentLocator locator = new DocumentLocator(routing);

        assertThat(locator.findContract("C-UK-1")).map(f -> f.document().legalEntity()).contains("uk");
        assertThat(locator.findContract("C-UK-1")).map(DocumentLocator.Found::backend).contains("uk");
        assertThat(locator.findContract("C-NONE")).isEmpty();

        assertThat(factory.made.get("us").contractLookups.get()).as("us asked for C-UK-1 once, and for C-NONE")
                .isEqualTo(2);
        assertThat(factory.made.get("uk").contractLookups.get()).as("uk asked for C-UK-1 twice, and for C-NONE")
                .isEqualTo(3);
    }

    @Test
    void aRemoteBackendsCircuitOpensOnFailuresToAnswerButNotOnRefusals() {
        RemoteFactory factory = new RemoteFactory(Map.of());
        ErpRouting routing = new ErpRouting(policy(TWO_REMOTES), List.of(factory));
        ErpBackend uk = routing.backend("uk").orElseThrow();
        RemoteErp ukErp = factory.made.get("uk");
        Delivery delivery = new Delivery(UUID.randomUUID(), "contract", null, "corr", null);

        for (int i = 0; i < 20; i++) {
            assertThat(uk.post(delivery)).isInstanceOf(PostingOutcome.Refused.class);
        }
        ukErp.failure = new ErpUnavailableException(ErpUnavailableException.Cause.SERVER_ERROR, "503");
        List<ErpUnavailableException.Cause> failures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                uk.post(delivery);
            } catch (ErpUnavailableException e) {
                failures.add(e.kind());
            }
        }
        int postsWhenOpened = ukErp.posts.get();

        assertThat(failures).as("ERP failures until the circuit opened").contains(ErpUnavailableException.Cause.SERVER_ERROR)
                .last().isEqualTo(ErpUnavailableException.Cause.CIRCUIT_OPEN);
        assertThatThrownBy(() -> uk.post(delivery)).isInstanceOfSatisfying(ErpUnavailableException.class,
                e -> assertThat(e.kind()).isEqualTo(ErpUnavailableException.Cause.CIRCUIT_OPEN));
        assertThat(routing.health("uk").orElseThrow().postingCircuit()).isEqualTo(dev.sluice.erp.ErpHealth.Circuit.OPEN);
        assertThat(routing.health("uk").orElseThrow().lastFailure()).contains("503");
        assertThat(ukErp.posts.get()).as("no call reaches the ERP while its circuit is open").isEqualTo(postsWhenOpened);
        assertThat(routing.backend("us").orElseThrow().post(delivery))
                .as("the other backend's circuit is its own").isInstanceOf(PostingOutcome.Refused.class);
    }
}
