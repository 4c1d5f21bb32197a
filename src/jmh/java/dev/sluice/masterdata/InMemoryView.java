package dev.sluice.masterdata;

import dev.sluice.bench.InMemoryErp;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ProjectState;
import jakarta.enterprise.inject.Vetoed;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The gateway's view of contracts and projects holding every one of an {@link InMemoryErp}, as
 * if each had been posted through the gateway: answers without the database, for benchmarks of
 * validation. Vetoed: it would be a second bean of {@link DocumentView}'s type in a test run with
 * {@code -Pjmh}.
 */
@Vetoed
final class InMemoryView extends DocumentView {

    private final InMemoryErp erp;
    private final OffsetDateTime confirmedAt = OffsetDateTime.now();

    InMemoryView(InMemoryErp erp) {
        super(null, null);
        this.erp = erp;
    }

    @Override
    public Optional<Viewed<ContractState>> contract(String contractNumber) {
        return erp.findContract(contractNumber).map(c -> new Viewed<>(c, InMemoryErp.NAME, confirmedAt, Source.POSTED));
    }

    @Override
    public Optional<Viewed<ProjectState>> project(String projectCode) {
        return erp.findProject(projectCode).map(p -> new Viewed<>(p, InMemoryErp.NAME, confirmedAt, Source.POSTED));
    }
}
