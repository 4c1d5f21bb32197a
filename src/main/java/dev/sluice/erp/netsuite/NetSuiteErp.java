package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.PostingOutcome;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Oracle NetSuite backend, over SuiteTalk REST web services. Every write is an upsert by
 * external id, so a redelivery updates the record the first delivery made instead of adding
 * one, and answers the same internal ids. NetSuite reports no revenue effects through REST:
 * {@link PostingOutcome.Posted} carries document references only. See {@code docs/erp/netsuite.md}.
 */
public final class NetSuiteErp implements ErpBackend {

    private final String name;
    private final NetSuiteClient client;
    private final NetSuiteMasterData masterData;
    private final SalesOrders contracts;
    private final Jobs projects;
    private final TimeBills time;
    private final DocumentReads reads;

    /** An adapter for one NetSuite account: its settings, the HTTP client to reach it, and the clock for tokens. */
    NetSuiteErp(NetSuiteSettings settings, HttpClient http, Clock clock) {
        ObjectMapper json = new ObjectMapper();
        this.name = settings.name();
        this.client = new NetSuiteClient(settings, http, clock, json);
        this.masterData = new NetSuiteMasterData(client, new MasterDataQueries(clock));
        this.contracts = new SalesOrders(client, json);
        this.projects = new Jobs(client, json, name);
        this.time = new TimeBills(client, json, name);
        this.reads = new DocumentReads(client, name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        return masterData.list(type, afterKey, limit);
    }

    @Override
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        return masterData.find(type, key);
    }

    @Override
    public <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
        return masterData.changedSince(type, since);
    }

    /**
     * The contract's sales order and its change orders' sales orders, read back as this adapter
     * wrote them; no financial position (see {@code docs/erp/netsuite.md}).
     */
    @Override
    public Optional<ContractState> findContract(String contractNumber) {
        return reads.contract(contractNumber);
    }

    @Override
    public Optional<ProjectState> findProject(String projectCode) {
        return reads.project(projectCode);
    }

    @Override
    public PostingOutcome post(Delivery delivery) {
        References references = new References(client);
        try {
            List<ErpReference> posted = switch (delivery.command().type()) {
                case CONTRACT_UPSERT -> List.of(reference(SalesOrders.SALES_ORDER,
                        contracts.upsert((UpsertContract) delivery.command(), references)));
                case CHANGE_ORDER -> List.of(reference(SalesOrders.SALES_ORDER,
                        contracts.amend((AmendContract) delivery.command(), references)));
                case PROJECT_UPSERT -> projects.upsert((UpsertProject) delivery.command(), references);
                case TIME_APPROVAL -> time.approve((ApproveTime) delivery.command(), references);
                case MILESTONE_COMPLETION -> List.of(projects.complete((CompleteMilestone) delivery.command(),
                        references));
            };
            return new PostingOutcome.Posted(posted);
        } catch (Refusals.Unresolved unresolved) {
            return Refusals.unresolved(unresolved);
        } catch (Refusals.Refused refused) {
            return refused.outcome();
        }
    }

    private ErpReference reference(String type, String id) {
        return new ErpReference(name, type, id);
    }
}
