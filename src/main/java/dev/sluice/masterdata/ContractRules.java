package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.UpsertContract;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rules for creating, updating and amending contracts. */
@ApplicationScoped
class ContractRules {

    private final MasterData masterData;
    private final EffectiveDocuments documents;

    private final ErpRouting routing;

    ContractRules(MasterData masterData, EffectiveDocuments documents, ErpRouting routing) {
        this.masterData = masterData;
        this.documents = documents;
        this.routing = routing;
    }

    ValidationResult check(UpsertContract contract) {
        Violations violations = new Violations();
        // checked against the master data of the ERP the contract's legal entity is routed to
        String backend = routing.backendNameFor(contract.legalEntity());
        Lookup<MasterRecord.Customer> customer = masterData.lookup(backend, MasterDataType.CUSTOMERS,
                contract.customerNumber());
        if (customer.isAbsent()) {
            violations.add("/customerNumber", "UNKNOWN_CUSTOMER", "no customer " + contract.customerNumber()
                    + " in the ERP");
        } else if (customer.isUndecided()) {
            violations.undecided("/customerNumber", "customer " + contract.customerNumber());
        } else if (customer.value().orElseThrow().status() == MasterRecord.Customer.Status.BLOCKED) {
            violations.add("/customerNumber", "CUSTOMER_BLOCKED", "customer " + contract.customerNumber()
                    + " is blocked in the ERP");
        }
        Lookup<MasterRecord.LegalEntity> entity = masterData.lookup(backend, MasterDataType.LEGAL_ENTITIES,
                contract.legalEntity());
        Lookup<MasterRecord.Currency> currency = masterData.lookup(backend, MasterDataType.CURRENCIES,
                contract.currency());
        if (entity.isAbsent()) {
            violations.add("/legalEntity", "UNKNOWN_LEGAL_ENTITY", "no legal entity " + contract.legalEntity()
                    + " in the ERP");
        } else if (entity.isUndecided()) {
            violations.undecided("/legalEntity", "legal entity " + contract.legalEntity());
        }
        if (currency.isAbsent()) {
            violations.add("/currency", "UNKNOWN_CURRENCY", "no currency " + contract.currency() + " in the ERP");
        } else if (currency.isUndecided()) {
            violations.undecided("/currency", "currency " + contract.currency());
        } else if (entity.isFound() && !entity.value().orElseThrow().currency().equals(contract.currency())) {
            violations.add("/currency", "CURRENCY_MISMATCH", "legal entity " + contract.legalEntity()
                    + " keeps its books in " + entity.value().orElseThrow().currency() + ", not " + contract.currency());
        }
        if (contract.endDate().isBefore(contract.startDate())) {
            violations.add("/endDate", "END_BEFORE_START", "the contract ends before it starts");
        }
        Set<Integer> numbers = new HashSet<>();
        Set<String> milestoneCodes = new HashSet<>();
        for (int i = 0; i < contract.lines().size(); i++) {
            ContractLineTerms line = contract.lines().get(i);
            if (!numbers.add(line.lineNumber())) {
                violations.add("/lines/" + i + "/lineNumber", "DUPLICATE_LINE_NUMBER",
                        "line " + line.lineNumber() + " appears more than once");
            }
            LineRules.check(line, "/lines/" + i, masterData, backend, milestoneCodes, violations);
        }
        return violations.checked(List.of(new ValidationResult.Routed(contract.contractNumber(), contract, backend,
                contract.legalEntity())));
    }

    ValidationResult check(AmendContract order, OffsetDateTime acceptedBefore) {
        Violations violations = new Violations();
        Lookup<ContractState> found = documents.contract(order.contractNumber(), acceptedBefore);
        if (found.isAbsent()) {
            violations.add("path:contractNumber", "UNKNOWN_CONTRACT", "no contract " + order.contractNumber()
                    + " in the ERP or accepted for it");
            return violations.checked(List.of());
        }
        if (found.isUndecided()) {
            violations.undecidedDocument("path:contractNumber", "contract " + order.contractNumber());
            return violations.checked(List.of());
        }
        ContractState contract = found.value().orElseThrow();
        String backend = routing.backendNameFor(contract.legalEntity());
        boolean separate = order.modificationType() == ModificationType.SEPARATE_CONTRACT;
        if (order.lineChanges().isEmpty() && order.newLines().isEmpty() && !separate) {
            violations.add("", "EMPTY_CHANGE_ORDER", "a change order changes lines, adds lines, or both");
        }
        if (contract.holdsTerms() && (order.effectiveDate().isBefore(contract.startDate())
                || order.effectiveDate().isAfter(contract.endDate()))) {
            violations.add("/effectiveDate", "EFFECTIVE_DATE_OUTSIDE_CONTRACT", "the contract runs from "
                    + contract.startDate() + " to " + contract.endDate());
        }
        if (separate) {
            if (!order.lineChanges().isEmpty()) {
                violations.add("/lineChanges", "NOT_APPLICABLE",
                        "a SEPARATE_CONTRACT change order leaves existing lines untouched; it adds new lines only");
            }
            if (order.newLines().isEmpty()) {
                violations.add("/newLines", "NEW_LINES_REQUIRED", "a SEPARATE_CONTRACT change order adds new lines");
            }
        }
        Set<Integer> changed = new HashSet<>();
        for (int i = 0; i < order.lineChanges().size(); i++) {
            checkChange(order.lineChanges().get(i), "/lineChanges/" + i, contract, changed, violations);
        }
        Set<Integer> added = new HashSet<>();
        Set<String> milestoneCodes = new HashSet<>();
        contract.lines().forEach(l -> l.terms().milestones().forEach(m -> milestoneCodes.add(m.milestoneCode())));
        for (int i = 0; i < order.newLines().size(); i++) {
            ContractLineTerms line = order.newLines().get(i);
            String at = "/newLines/" + i;
            if (contract.line(line.lineNumber()).isPresent() || !added.add(line.lineNumber())) {
                violations.add(at + "/lineNumber", "LINE_NUMBER_TAKEN", "contract " + order.contractNumber()
                        + " already has a line " + line.lineNumber());
            }
            LineRules.check(line, at, masterData, backend, milestoneCodes, violations);
        }
        return violations.checked(List.of(new ValidationResult.Routed(order.contractNumber(), order, backend,
                contract.legalEntity())));
    }

    private static void checkChange(LineChange change, String at, ContractState contract, Set<Integer> changed,
            Violations violations) {
        Optional<ContractState.Line> line = contract.line(change.lineNumber());
        if (line.isEmpty()) {
            violations.add(at + "/lineNumber", "UNKNOWN_CONTRACT_LINE", "contract " + contract.contractNumber()
                    + " has no line " + change.lineNumber());
            return;
        }
        if (!changed.add(change.lineNumber())) {
            violations.add(at + "/lineNumber", "DUPLICATE_LINE_NUMBER", "line " + change.lineNumber()
                    + " is changed more than once");
        }
        if (change.amountDelta() == null && change.estimatedCostDelta() == null && change.notToExceedDelta() == null) {
            violations.add(at, "EMPTY_LINE_CHANGE", "a line change needs at least one delta");
        }
        ContractLineTerms terms = line.get().terms();
        if (terms.billingMethod() == BillingMethod.FIXED_FEE_MILESTONE && change.amountDelta() != null) {
            violations.add(at + "/amountDelta", "NOT_APPLICABLE", "a milestone line's amount is the sum of its"
                    + " milestones; add milestones on a new line instead");
            return;
        }
        terms.problemsWith(change, at).forEach(violations::add);
    }
}
