package dev.sluice.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.MasterRecord.Customer;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.MasterDataSettings;
import dev.sluice.support.MutableClock;
import dev.sluice.support.OneBackend;
import dev.sluice.support.PostgresResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The master-data copy validation reads, kept by the background sync, against an ERP of the
 * test's own that counts how it is asked. Runs in the application, where the guards around a
 * remote backend are implemented.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class MasterDataSyncTest {

    /** An ERP's customers, paged in key order, with the time each last changed. */
    static final class CustomerErp implements ErpBackend {
        final TreeMap<String, Customer> customers = new TreeMap<>();
        final Map<String, Instant> modified = new java.util.HashMap<>();
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger pages = new AtomicInteger();
        final List<Instant> changeQueries = new ArrayList<>();
        volatile boolean down;

        void put(Customer customer, Instant at) {
            customers.put(customer.key(), customer);
            modified.put(customer.key(), at);
        }

        @Override
        public String name() {
            return "remote";
        }

        @Override
        public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
            failIfDown();
            pages.incrementAndGet();
            if (type != MasterDataType.CUSTOMERS) {
                return new Page<>(List.of(), null);
            }
            List<T> items = (afterKey == null ? customers : customers.tailMap(afterKey, false)).values().stream()
                    .limit(limit).map(type::cast).toList();
            String next = items.size() == limit && customers.lastKey().compareTo(items.get(limit - 1).key()) > 0
                    ? items.get(limit - 1).key() : null;
            return new Page<>(items, next);
        }

        @Override
        public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
            failIfDown();
            finds.incrementAndGet();
            return type == MasterDataType.CUSTOMERS ? Optional.ofNullable(customers.get(key)).map(type::cast)
                    : Optional.empty();
        }

        @Override
        public <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
            failIfDown();
            changeQueries.add(since);
            if (type != MasterDataType.CUSTOMERS) {
                return Optional.empty();
            }
            return Optional.of(customers.values().stream().filter(c -> !modified.get(c.key()).isBefore(since))
                    .map(type::cast).toList());
        }

        private void failIfDown() {
            if (down) {
                throw new ErpUnavailableException(ErpUnavailableException.Cause.UNREACHABLE, "remote is down");
            }
        }

        @Override
        public Optional<ContractState> findContract(String contractNumber) {
            return Optional.empty();
        }

        @Override
        public Optional<ProjectState> findProject(String projectCode) {
            return Optional.empty();
        }

        @Override
        public PostingOutcome post(Delivery delivery) {
            throw new UnsupportedOperationException("this ERP only answers master data");
        }
    }

    private final CustomerErp erp = new CustomerErp();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    private final MasterDataConfig config = MasterDataSettings.defaults();
    private ErpRouting routing;
    private MasterData masterData;
    private MasterDataSync sync;

    @Inject
    MasterDataStore store;

    @BeforeEach
    void routeToTheCustomerErp() {
        routing = OneBackend.routing("remote", erp);
        masterData = new MasterData(routing, config);
        sync = new MasterDataSync(routing, masterData, config, store, new SimpleMeterRegistry(), clock);
        for (int i = 1; i <= 1200; i++) {
            erp.put(customer(String.format("CUST-%04d", i), Customer.Status.ACTIVE), clock.instant().minusSeconds(3600));
        }
    }

    private static Customer customer(String number, Customer.Status status) {
        return new Customer(number, "Customer " + number, status, "USD");
    }

    private Optional<Customer> find(String number) {
        return masterData.find("remote", MasterDataType.CUSTOMERS, number);
    }

    @Test
    void afterTheFirstSyncValidationReadsTheCopyWithoutAskingTheErp() {
        sync.syncAll();

        assertThat(erp.pages.get()).as("1,200 customers read in pages of 500, and one empty page per other type")
                .isEqualTo(3 + 6);
        for (int i = 1; i <= 1200; i += 37) {
            assertThat(find(String.format("CUST-%04d", i))).isPresent();
        }
        assertThat(erp.finds.get()).as("look-ups the ERP answered").isZero();
    }

    @Test
    void aCodeTheCopyLacksIsAskedForOnceAndAnAbsentOneIsRememberedAsAbsent() {
        sync.syncAll();
        erp.put(customer("CUST-9000", Customer.Status.ACTIVE), clock.instant());

        assertThat(find("CUST-9000")).as("created after the sync").isPresent();
        assertThat(find("CUST-9000")).isPresent();
        assertThat(find("NOPE")).isEmpty();
        assertThat(find("NOPE")).isEmpty();

        assertThat(erp.finds.get()).as("one look-up each for the new code and the unknown one").isEqualTo(2);
    }

    @Test
    void laterSyncsAskOnlyWhatChangedAndTheChangeIsSeen() {
        sync.syncAll();
        assertThat(find("CUST-0042")).map(Customer::status).contains(Customer.Status.ACTIVE);
        Instant firstSync = clock.instant();
        clock.advance(Duration.ofSeconds(60));
        erp.put(customer("CUST-0042", Customer.Status.BLOCKED), clock.instant().minusSeconds(10));
        int pagesBefore = erp.pages.get();

        sync.syncAll();

        assertThat(find("CUST-0042")).map(Customer::status).as("blocked in the ERP since the last sync")
                .contains(Customer.Status.BLOCKED);
        assertThat(erp.pages.get()).as("no full read within the hour").isEqualTo(pagesBefore);
        assertThat(erp.changeQueries).as("changes asked for since the last sync, with a margin")
                .contains(firstSync.minus(Duration.ofMinutes(2)));
        assertThat(erp.finds.get()).isZero();
    }

    @Test
    void aFullReadEveryHourShowsDeletionsAndAnOperatorsRefreshDoesItAtOnce() {
        sync.syncAll();
        erp.customers.remove("CUST-0007");
        assertThat(find("CUST-0007")).as("still in the copy until a full read").isPresent();

        List<MasterDataSync.Outcome> outcomes = sync.refresh(Optional.of("remote"));

        assertThat(outcomes).filteredOn(o -> o.type() == MasterDataType.CUSTOMERS).singleElement()
                .satisfies(o -> assertThat(o.records()).isEqualTo(1199));
        assertThat(find("CUST-0007")).isEmpty();

        erp.customers.remove("CUST-0008");
        clock.advance(Duration.ofMinutes(61));
        sync.syncAll();
        assertThat(find("CUST-0008")).as("gone after the hourly full read").isEmpty();
    }

    @Test
    void whileTheErpIsDownTheCopyReadBeforeStaysInUse() {
        sync.syncAll();
        erp.down = true;
        clock.advance(Duration.ofMinutes(61));

        List<MasterDataSync.Outcome> outcomes = sync.refresh(Optional.empty());

        assertThat(outcomes).allSatisfy(o -> assertThat(o.refreshed()).isFalse());
        assertThat(outcomes.get(0).detail()).contains("remote is down");
        assertThat(find("CUST-0100")).isPresent();
    }

    @Test
    void aProcessStartedWhileTheErpIsDownValidatesAgainstTheCopyAnEarlierOneStored() {
        sync.syncAll();
        erp.put(customer("CUST-0042", Customer.Status.BLOCKED), clock.instant());
        clock.advance(Duration.ofSeconds(60));
        sync.syncAll();
        erp.down = true;

        MasterData restarted = new MasterData(routing, config);
        MasterDataSync restartedSync = new MasterDataSync(routing, restarted, config, store, new SimpleMeterRegistry(),
                clock);
        restartedSync.restore();
        restartedSync.syncAll();

        assertThat(restarted.lookup("remote", MasterDataType.CUSTOMERS, "CUST-0100").value()).isPresent();
        assertThat(restarted.lookup("remote", MasterDataType.CUSTOMERS, "CUST-0042").value())
                .as("as the later sync of changes left it").map(Customer::status).contains(Customer.Status.BLOCKED);
        assertThat(restarted.lookup("remote", MasterDataType.CUSTOMERS, "CUST-9999").isUndecided())
                .as("a code no sync read, while the ERP cannot answer").isTrue();
        assertThat(restarted.synced("remote", MasterDataType.CUSTOMERS)).map(MasterData.Synced::fullAt)
                .as("when the stored copy was read in full").contains(clock.instant().minusSeconds(60));
    }
}
