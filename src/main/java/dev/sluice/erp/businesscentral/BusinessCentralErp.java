package dev.sluice.erp.businesscentral;

import static dev.sluice.erp.businesscentral.BcSchema.Field.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.FinancialPosition;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.erp.http.ErpHttp;
import dev.sluice.erp.http.TokenCache;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Microsoft Dynamics 365 Business Central (standard API v2.0) behind the ERP port. One backend is
 * one BC company, which is one legal entity. What each canonical write becomes in BC, and what BC
 * cannot hold, is written down in {@code docs/erp/business-central.md}.
 */
final class BusinessCentralErp implements ErpBackend {

    /** A token is replaced this long before it expires, so none runs out in flight. */
    static final Duration TOKEN_REFRESH_BEFORE = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(BusinessCentralErp.class);
    /** Invoices whose amount counts as billed: posted and not reversed. */
    private static final Set<String> BILLED = Set.of("Open", "Paid", "In_x0020_Review", "In Review");

    private final BusinessCentralSettings settings;
    private final TokenCache tokens;
    private final BcClient client;
    private final MasterDataMapping masterData;
    private final AtomicBoolean warnedNoLocalCurrency = new AtomicBoolean();

    BusinessCentralErp(BusinessCentralSettings settings, HttpClient httpClient, Clock clock) {
        this.settings = settings;
        ObjectMapper json = new ObjectMapper();
        ErpHttp http = new ErpHttp(settings.name(), httpClient, settings.requestTimeout());
        this.tokens = new TokenCache(new EntraTokens(settings, http, json, clock), clock, TOKEN_REFRESH_BEFORE);
        this.client = new BcClient(settings, http, tokens, json);
        this.masterData = new MasterDataMapping(settings.legalEntity());
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** How many access tokens were fetched so far. */
    long tokenFetches() {
        return tokens.fetches();
    }

    @Override
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        Optional<MasterDataMapping.Source> source = masterData.source(type);
        LedgerSetup ledger = new LedgerSetup();
        if (source.isEmpty()) {
            List<T> entity = afterKey == null || afterKey.compareTo(settings.legalEntity()) < 0
                    ? legalEntity(ledger).map(type::cast).stream().toList() : List.of();
            return new Page<>(entity.stream().limit(limit).toList(), null);
        }
        BcSchema.Field key = source.get().key();
        ODataQuery query = (afterKey == null ? ODataQuery.all() : ODataQuery.where(ODataQuery.gt(key, afterKey)))
                .orderBy(key)
                .top(limit + 1);
        // one more than asked tells whether another page follows, whatever page size BC serves
        List<JsonNode> read = client.upTo(source.get().set().path(), query, limit + 1);
        List<T> records = new ArrayList<>(read.stream().map(node -> masterData.record(type, node, ledger)).toList());
        if (type.equals(MasterDataType.CURRENCIES)) {
            String local = ledger.get();
            boolean after = local != null && (afterKey == null || local.compareTo(afterKey) > 0);
            // while BC has more, a local code past the last one read belongs to a later page
            boolean onThisPage = read.size() <= limit
                    || after && local.compareTo(records.get(records.size() - 1).key()) < 0;
            if (after && onThisPage) {
                insertLocalCurrency(type, records, local);
            }
        }
        List<T> page = records.stream().limit(limit).toList();
        String nextAfter = records.size() > limit ? page.get(page.size() - 1).key() : null;
        return new Page<>(page, nextAfter);
    }

    @Override
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        Optional<MasterDataMapping.Source> source = masterData.source(type);
        LedgerSetup ledger = new LedgerSetup();
        if (source.isEmpty()) {
            return settings.legalEntity().equals(key) ? legalEntity(ledger).map(type::cast) : Optional.empty();
        }
        Optional<T> found = client.first(source.get().key(), key).map(node -> masterData.record(type, node, ledger));
        if (found.isEmpty() && type.equals(MasterDataType.CURRENCIES) && key.equals(ledger.get())) {
            return Optional.of(type.cast(MasterDataMapping.localCurrency(key)));
        }
        return found;
    }

    @Override
    public <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
        Optional<MasterDataMapping.Source> source = masterData.source(type);
        if (source.isEmpty()) {
            // the company has no change stamp the API exposes; one record is cheap to read again
            return Optional.empty();
        }
        LedgerSetup ledger = new LedgerSetup();
        ODataQuery query = ODataQuery.where(ODataQuery.ge(source.get().modified(), since)).orderBy(source.get().key());
        List<T> changed = new ArrayList<>(client.all(source.get().set().path(), query).stream()
                .map(node -> masterData.record(type, node, ledger)).toList());
        if (type.equals(MasterDataType.CURRENCIES) && ledger.changedSince(since) && ledger.get() != null) {
            insertLocalCurrency(type, changed, ledger.get());
        }
        return Optional.of(changed);
    }

    /**
     * The local currency put into {@code records} (in BC's key order) where its code falls, unless
     * BC lists a currency of that code itself: then BC's record stands.
     */
    private static <T extends MasterRecord> void insertLocalCurrency(MasterDataType<T> type, List<T> records,
            String code) {
        if (records.stream().anyMatch(r -> r.key().equals(code))) {
            return;
        }
        int at = 0;
        while (at < records.size() && records.get(at).key().compareTo(code) < 0) {
            at++;
        }
        records.add(at, type.cast(MasterDataMapping.localCurrency(code)));
    }

    /** The company as a legal entity; absent while BC has no local currency set. */
    private Optional<MasterRecord.LegalEntity> legalEntity(LedgerSetup ledger) {
        String currency = ledger.get();
        return currency == null ? Optional.empty() : Optional.of(masterData.legalEntity(client.company(), currency));
    }

    /**
     * The company's General Ledger Setup, read at most once per call and only when asked: it holds
     * the local currency, which BC's records leave blank and its {@code currencies} do not list.
     */
    private final class LedgerSetup implements Supplier<String> {

        private JsonNode setup;

        private JsonNode setup() {
            if (setup == null) {
                setup = client.all(BcSchema.EntitySet.GENERAL_LEDGER_SETUP.path(), ODataQuery.all()).stream()
                        .findFirst().orElse(MissingNode.getInstance());
            }
            return setup;
        }

        /** The local currency's code; null, with a warning the first time, when BC has none set. */
        @Override
        public String get() {
            String code = MasterDataMapping.text(setup(), LEDGER_LOCAL_CURRENCY);
            if (code.isBlank()) {
                warnNoLocalCurrency();
                return null;
            }
            return code;
        }

        /** Whether the setup changed at or after {@code since}; true when BC does not say when it changed. */
        boolean changedSince(Instant since) {
            String stamp = MasterDataMapping.text(setup(), LEDGER_MODIFIED);
            try {
                return stamp.isBlank() || !OffsetDateTime.parse(stamp).toInstant().isBefore(since);
            } catch (DateTimeParseException e) {
                return true;
            }
        }
    }

    private void warnNoLocalCurrency() {
        if (warnedNoLocalCurrency.compareAndSet(false, true)) {
            LOG.warnf("backend %s: Business Central's General Ledger Setup has no LCY Code"
                    + " (generalLedgerSetup.localCurrencyCode is blank): legal entity %s and its local currency"
                    + " are not reported, and records in the local currency have no currency, until it is set",
                    settings.name(), settings.legalEntity());
        }
    }

    /**
     * The contract as BC can show it: its project, and the milestone invoices made for it. BC's
     * standard API recognizes revenue when it posts an invoice (no deferrals are exposed), so what
     * is recognized equals what is billed; lines, rates and dates are not held in BC.
     */
    @Override
    public Optional<ContractState> findContract(String contractNumber) {
        Optional<JsonNode> project = client.first(PROJECT_NUMBER, contractNumber);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> invoices = client.all(BcSchema.EntitySet.SALES_INVOICES.path(),
                ODataQuery.where(ODataQuery.eq(INVOICE_CONTRACT_REFERENCE, contractNumber)));
        BigDecimal billed = invoices.stream()
                .filter(i -> BILLED.contains(MasterDataMapping.text(i, INVOICE_STATUS)))
                .map(i -> i.path(INVOICE_TOTAL_EXCLUDING_TAX.property()).decimalValue())
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        String customer = invoices.stream().map(i -> MasterDataMapping.text(i, INVOICE_CUSTOMER_NUMBER)).findFirst()
                .orElse(null);
        // a blank currency code is BC's local currency
        String currency = invoices.stream().map(i -> MasterDataMapping.text(i, INVOICE_CURRENCY))
                .filter(c -> !c.isBlank()).findFirst()
                .orElseGet(() -> invoices.isEmpty() ? null : new LedgerSetup().get());
        return Optional.of(new ContractState(contractNumber, customer, settings.legalEntity(), currency, null, null,
                MasterDataMapping.text(project.get(), PROJECT_NAME), ContractState.Status.ACTIVE, List.of(), List.of(),
                new ErpReference(name(), ProjectWrites.PROJECT, contractNumber),
                new FinancialPosition(billed, billed, null, null)));
    }

    @Override
    public Optional<ProjectState> findProject(String projectCode) {
        return client.first(PROJECT_NUMBER, projectCode).map(project -> new ProjectState(projectCode, null,
                MasterDataMapping.text(project, PROJECT_NAME), null, null, ProjectState.Status.ACTIVE, List.of(),
                new ErpReference(name(), ProjectWrites.PROJECT, projectCode)));
    }

    @Override
    public PostingOutcome post(Delivery delivery) {
        // the writers are small and stateless: made per delivery, they carry its trace context
        BcClient traced = client.traced(delivery.traceparent());
        MilestoneInvoices milestones = new MilestoneInvoices(traced, name());
        ProjectWrites projects = new ProjectWrites(traced, milestones, name());
        TimeRegistrations time = new TimeRegistrations(traced, name());
        try {
            return switch (delivery.command().type()) {
                case CONTRACT_UPSERT -> projects.upsert((UpsertContract) delivery.command());
                case PROJECT_UPSERT -> projects.upsert((UpsertProject) delivery.command());
                case TIME_APPROVAL -> time.approve((ApproveTime) delivery.command());
                case MILESTONE_COMPLETION -> milestones.complete((CompleteMilestone) delivery.command());
                case CHANGE_ORDER -> refuseChangeOrder((AmendContract) delivery.command());
            };
        } catch (RefusedPosting refused) {
            return refused.outcome();
        } catch (BcRefusal refusal) {
            return RefusedPosting.of(refusal, "").outcome();
        }
    }

    private static PostingOutcome refuseChangeOrder(AmendContract change) {
        return new PostingOutcome.Refused("Business Central's standard API holds no contract terms to amend",
                List.of(new Violation("", "NOT_SUPPORTED_BY_ERP", "change order " + change.changeOrderNumber()
                        + " cannot be applied through Business Central's API v2.0: amend the contract's milestone"
                        + " invoices in Business Central, or send the contract again as a new contract")));
    }
}
