package dev.sluice.erp.sandbox;

import static dev.sluice.erp.sandbox.Outcomes.posted;
import static dev.sluice.erp.sandbox.Outcomes.refused;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Contracts and change orders in the sandbox. A contract's own lines are replaced by an
 * update, except what the books already depend on: a line with postings keeps its billing
 * method and amounts (a change order changes those), and a line with tasks charged to it stays.
 */
@ApplicationScoped
class ContractPostings {

    private final Json json;
    private final DocumentJournal journal;
    private final RevenueBooks books;

    ContractPostings(Json json, DocumentJournal journal, RevenueBooks books) {
        this.json = json;
        this.journal = journal;
        this.books = books;
    }

    PostingOutcome upsert(UpsertContract terms, Delivery delivery) {
        ContractRow row = ContractRow.findById(terms.contractNumber(), LockModeType.PESSIMISTIC_WRITE);
        String hash = json.digest(terms);
        if (row != null && row.contentHash.equals(hash)) {
            return posted(DocumentJournal.reference("CONTRACT", row.documentId));
        }
        ContractState current = row == null ? null : json.read(row.state, ContractState.class);
        List<Violation> violations = new ArrayList<>();
        List<ContractState.Line> lines = new ArrayList<>();
        terms.lines().forEach(l -> lines.add(new ContractState.Line(l, null)));
        if (current != null) {
            keepWhatTheBooksDependOn(terms, current, lines, violations);
        }
        if (!violations.isEmpty()) {
            return refused("The ERP refused the contract update", violations);
        }
        boolean created = row == null;
        if (created) {
            row = new ContractRow();
            row.contractNumber = terms.contractNumber();
            row.documentId = journal.nextDocumentId("CT");
            row.revision = 0;
        }
        row.revision++;
        ErpReference reference = DocumentJournal.reference("CONTRACT", row.documentId);
        ContractState state = ContractState.of(terms, lines, current == null ? List.of() : current.changeOrders(),
                reference);
        row.contentHash = hash;
        row.state = json.write(state);
        row.updatedAt = DocumentJournal.now();
        if (created) {
            row.persist();
        }
        journal.record(reference, terms.contractNumber(), row.revision, terms, delivery);
        return posted(reference);
    }

    private void keepWhatTheBooksDependOn(UpsertContract terms, ContractState current, List<ContractState.Line> lines,
            List<Violation> violations) {
        Set<Integer> offered = new HashSet<>();
        terms.lines().forEach(l -> offered.add(l.lineNumber()));
        for (ContractState.Line line : current.lines()) {
            int number = line.terms().lineNumber();
            if (line.addedByChangeOrder() != null) {
                if (offered.contains(number)) {
                    violations.add(new Violation(linePointer(terms, number), "LINE_NUMBER_TAKEN", "line " + number
                            + " was added by change order " + line.addedByChangeOrder() + "; amend it with a change order"));
                }
                lines.add(line);
                continue;
            }
            boolean posted = books.hasPostings(terms.contractNumber(), number);
            if (!offered.contains(number)) {
                if (posted || lineHasTasks(terms.contractNumber(), number)) {
                    violations.add(new Violation("/lines", "LINE_IN_USE", "line " + number
                            + " has tasks or postings and cannot be removed"));
                }
                continue;
            }
            ContractLineTerms offeredTerms = terms.line(number).orElseThrow();
            if (posted && !sameAccountingTerms(line.terms(), offeredTerms)) {
                violations.add(new Violation(linePointer(terms, number), "LINE_POSTED", "line " + number
                        + " has revenue or cost posted; change its billing method, amounts or milestones with a"
                        + " change order"));
            }
        }
    }

    /** Rates and descriptions may change by update; what revenue was measured against may not. */
    private static boolean sameAccountingTerms(ContractLineTerms a, ContractLineTerms b) {
        return a.billingMethod() == b.billingMethod()
                && same(a.amount(), b.amount())
                && same(a.estimatedCost(), b.estimatedCost())
                && same(a.notToExceed(), b.notToExceed())
                && a.milestones().size() == b.milestones().size()
                && a.milestones().stream().allMatch(m -> b.milestone(m.milestoneCode())
                        .filter(o -> o.amount().compareTo(m.amount()) == 0).isPresent());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private boolean lineHasTasks(String contractNumber, int lineNumber) {
        return ProjectRow.<ProjectRow>list("contractNumber", contractNumber).stream()
                .map(p -> json.read(p.state, ProjectState.class))
                .flatMap(p -> p.tasks().stream())
                .anyMatch(t -> t.contractLine() == lineNumber);
    }

    private static String linePointer(UpsertContract terms, int lineNumber) {
        for (int i = 0; i < terms.lines().size(); i++) {
            if (terms.lines().get(i).lineNumber() == lineNumber) {
                return "/lines/" + i + "/lineNumber";
            }
        }
        return "/lines";
    }

    // --- change orders ---------------------------------------------------------------------

    PostingOutcome amend(AmendContract order, Delivery delivery) {
        ContractRow row = ContractRow.findById(order.contractNumber(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return refused("The ERP has no such contract", new Violation("path:contractNumber", "UNKNOWN_CONTRACT",
                    "no contract " + order.contractNumber() + " in the ERP"));
        }
        String hash = json.digest(order);
        ChangeOrderRow.Key key = new ChangeOrderRow.Key();
        key.contractNumber = order.contractNumber();
        key.changeOrderNumber = order.changeOrderNumber();
        ChangeOrderRow existing = ChangeOrderRow.findById(key);
        if (existing != null) {
            if (existing.contentHash.equals(hash)) {
                return posted(DocumentJournal.reference("CHANGE_ORDER", existing.documentId));
            }
            return refused("The change order number is taken", new Violation("/changeOrderNumber",
                    "CHANGE_ORDER_CONFLICT", "change order " + order.changeOrderNumber()
                            + " was already posted on contract " + order.contractNumber() + " with other terms"));
        }
        ContractState current = json.read(row.state, ContractState.class);
        List<Violation> violations = new ArrayList<>();
        List<ContractState.Line> lines = new ArrayList<>(current.lines());
        List<ContractLineTerms> changed = new ArrayList<>();
        for (int i = 0; i < order.lineChanges().size(); i++) {
            LineChange change = order.lineChanges().get(i);
            int index = indexOfLine(lines, change.lineNumber());
            if (index < 0) {
                violations.add(new Violation("/lineChanges/" + i + "/lineNumber", "UNKNOWN_CONTRACT_LINE",
                        "contract " + order.contractNumber() + " has no line " + change.lineNumber()));
                continue;
            }
            ContractLineTerms amended = amendLine(order, current.currency(), lines.get(index).terms(), change,
                    "/lineChanges/" + i, violations);
            lines.set(index, new ContractState.Line(amended, lines.get(index).addedByChangeOrder()));
            changed.add(amended);
        }
        for (int i = 0; i < order.newLines().size(); i++) {
            ContractLineTerms added = order.newLines().get(i);
            if (indexOfLine(lines, added.lineNumber()) >= 0) {
                violations.add(new Violation("/newLines/" + i + "/lineNumber", "LINE_NUMBER_TAKEN",
                        "contract " + order.contractNumber() + " already has a line " + added.lineNumber()));
                continue;
            }
            lines.add(new ContractState.Line(added, order.changeOrderNumber()));
        }
        if (!violations.isEmpty()) {
            return refused("The ERP refused the change order", violations);
        }
        String documentId = journal.nextDocumentId("CO");
        ErpReference reference = DocumentJournal.reference("CHANGE_ORDER", documentId);
        List<ContractState.ChangeOrder> orders = new ArrayList<>(current.changeOrders());
        orders.add(new ContractState.ChangeOrder(order.changeOrderNumber(), order.effectiveDate(),
                order.modificationType(), reference));
        row.state = json.write(current.withLines(lines).withChangeOrders(orders));
        row.updatedAt = DocumentJournal.now();
        ChangeOrderRow applied = new ChangeOrderRow();
        applied.contractNumber = order.contractNumber();
        applied.changeOrderNumber = order.changeOrderNumber();
        applied.documentId = documentId;
        applied.contentHash = hash;
        applied.persist();
        journal.record(reference, order.contractNumber() + "/" + order.changeOrderNumber(), 1, order, delivery);
        RevenueBooks.Source source = new RevenueBooks.Source(documentId, delivery.operationId(), order.effectiveDate());
        for (ContractLineTerms line : changed) {
            account(order, current.currency(), line, source);
        }
        return posted(reference);
    }

    /** How the books follow a changed line: all work to date at once, or only what is still to come. */
    private void account(AmendContract order, String currency, ContractLineTerms line, RevenueBooks.Source source) {
        if (order.modificationType() == ModificationType.CUMULATIVE_CATCH_UP) {
            books.resetBasis(order.contractNumber(), line.lineNumber());
            books.recognize(order.contractNumber(), currency, line, RevenueBooks.Cause.CATCH_UP, source);
        } else {
            books.fixBasis(order.contractNumber(), line, order.changeOrderNumber());
            books.recognize(order.contractNumber(), currency, line, RevenueBooks.Cause.PROSPECTIVE, source);
        }
    }

    private ContractLineTerms amendLine(AmendContract order, String currency, ContractLineTerms t, LineChange change,
            String at, List<Violation> violations) {
        if (order.modificationType() == ModificationType.SEPARATE_CONTRACT) {
            violations.add(new Violation(at, "NOT_APPLICABLE",
                    "a SEPARATE_CONTRACT change order leaves existing lines untouched"));
            return t;
        }
        if (t.billingMethod() == BillingMethod.FIXED_FEE_MILESTONE && change.amountDelta() != null) {
            violations.add(new Violation(at + "/amountDelta", "NOT_APPLICABLE", "a milestone line's amount is the sum"
                    + " of its milestones; add milestones on a new line instead"));
        }
        ContractLineTerms amended = t.amendedBy(change);
        violations.addAll(t.problemsWith(change, at));
        BigDecimal billed = books.totals(order.contractNumber(), t.lineNumber()).billed();
        boolean timeAndMaterials = t.billingMethod() == BillingMethod.TIME_AND_MATERIALS;
        BigDecimal ceiling = timeAndMaterials ? amended.notToExceed() : amended.amount();
        if (ceiling != null && ceiling.compareTo(billed) < 0) {
            violations.add(new Violation(at + (timeAndMaterials ? "/notToExceedDelta" : "/amountDelta"),
                    "AMOUNT_BELOW_BILLED", "line " + t.lineNumber() + " has "
                    + RevenueRules.round(billed, books.minorUnits(currency)).toPlainString()
                    + " billed; the change would leave it at " + ceiling.toPlainString()));
        }
        return amended;
    }

    private static int indexOfLine(List<ContractState.Line> lines, int lineNumber) {
        for (int i = 0; i < lines.size(); i++) {
            if (Objects.equals(lines.get(i).terms().lineNumber(), lineNumber)) {
                return i;
            }
        }
        return -1;
    }
}
