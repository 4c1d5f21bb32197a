package dev.sluice.erp.sandbox;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.FaultInjection;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** The built-in reference ERP: its books live in the gateway's database, schema {@code sandbox}. */
@ApplicationScoped
@Named(DocumentJournal.BACKEND)
public class SandboxErp implements ErpBackend {

    private final SandboxMasterData masterData;
    private final DeliveryPostings postings;
    private final Positions positions;
    private final SandboxFaults faults;
    private final Json json;

    SandboxErp(SandboxMasterData masterData, DeliveryPostings postings, Positions positions, SandboxFaults faults,
            Json json) {
        this.masterData = masterData;
        this.postings = postings;
        this.positions = positions;
        this.faults = faults;
        this.json = json;
    }

    @Override
    public String name() {
        return DocumentJournal.BACKEND;
    }

    @Override
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        faults.beforeCall();
        return masterData.list(type, afterKey, limit);
    }

    @Override
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        faults.beforeCall();
        return masterData.find(type, key);
    }

    @Override
    @Transactional
    public Optional<ContractState> findContract(String contractNumber) {
        faults.beforeCall();
        return Optional.ofNullable(ContractRow.<ContractRow>findById(contractNumber))
                .map(row -> positions.of(json.read(row.state, ContractState.class)));
    }

    @Override
    @Transactional
    public Optional<ProjectState> findProject(String projectCode) {
        faults.beforeCall();
        return Optional.ofNullable(ProjectRow.<ProjectRow>findById(projectCode))
                .map(row -> json.read(row.state, ProjectState.class));
    }

    @Override
    public PostingOutcome post(Delivery delivery) {
        faults.beforeCall();
        faults.beforePosting();
        return postings.post(delivery, faults::refusal);
    }

    @Override
    public Optional<FaultInjection> faultInjection() {
        return Optional.of(faults);
    }
}
