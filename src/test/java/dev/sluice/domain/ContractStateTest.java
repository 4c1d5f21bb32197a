package dev.sluice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a contract stands after an upsert or a change order: what the gateway's view records of a posting. */
class ContractStateTest {

    private static final ErpReference CONTRACT = new ErpReference("sandbox", "CONTRACT", "SBX-CT-1");

    private static ContractLineTerms tm(int number, String rate) {
        return new ContractLineTerms(number, "SVC-TM", BillingMethod.TIME_AND_MATERIALS, null,
                List.of(new RoleRate("CONSULTANT", new BigDecimal(rate))), new BigDecimal("1000.00"), null, null, null);
    }

    private static ContractLineTerms percentComplete(int number) {
        return new ContractLineTerms(number, "SVC-POC", BillingMethod.FIXED_FEE_PERCENT_COMPLETE, null, null, null,
                new BigDecimal("100000.00"), new BigDecimal("70000.00"), null);
    }

    private static UpsertContract terms(ContractLineTerms... lines) {
        return new UpsertContract("C-1", "CUST-001", "US01", "USD", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), null, List.of(lines));
    }

    @Test
    void aNewContractHasTheTermsLinesAndTheErpsDocument() {
        ContractState created = ContractState.upserted(null, terms(tm(1, "150.00")), CONTRACT);

        assertThat(created.lines()).extracting(l -> l.terms().lineNumber()).containsExactly(1);
        assertThat(created.reference()).isEqualTo(CONTRACT);
        assertThat(created.status()).isEqualTo(ContractState.Status.ACTIVE);
    }

    @Test
    void anUpdateReplacesTheOwnLinesAndKeepsWhatChangeOrdersAddedAndTheLastPosition() {
        AmendContract order = new AmendContract("C-1", "CO-1", LocalDate.parse("2026-06-30"),
                ModificationType.SEPARATE_CONTRACT, null, List.of(), List.of(percentComplete(9)));
        FinancialPosition position = new FinancialPosition(new BigDecimal("10.00"), BigDecimal.ZERO, null, null);
        ContractState amended = ContractState.upserted(null, terms(tm(1, "150.00"), tm(2, "90.00")), CONTRACT)
                .amendedBy(order, null).withPosition(position);

        ContractState updated = ContractState.upserted(amended, terms(tm(1, "160.00")), null);

        assertThat(updated.lines()).extracting(l -> l.terms().lineNumber()).containsExactly(1, 9);
        assertThat(updated.line(1).orElseThrow().terms().rateFor("CONSULTANT").orElseThrow().hourlyRate())
                .isEqualByComparingTo("160.00");
        assertThat(updated.line(9).orElseThrow().addedByChangeOrder()).isEqualTo("CO-1");
        assertThat(updated.changeOrders()).extracting(ContractState.ChangeOrder::changeOrderNumber).containsExactly("CO-1");
        assertThat(updated.reference()).as("kept when the update names none").isEqualTo(CONTRACT);
        assertThat(updated.position()).isEqualTo(position);
    }

    @Test
    void aChangeOrderAmendsItsLinesAddsNewOnesAndIsAppliedOnce() {
        ContractState contract = ContractState.upserted(null, terms(tm(1, "150.00"), percentComplete(3)), CONTRACT);
        AmendContract order = new AmendContract("C-1", "CO-2", LocalDate.parse("2026-06-30"),
                ModificationType.CUMULATIVE_CATCH_UP, null,
                List.of(new LineChange(3, new BigDecimal("15000.00"), new BigDecimal("12000.00"), null)),
                List.of(tm(4, "200.00")));
        ErpReference document = new ErpReference("sandbox", "CHANGE_ORDER", "SBX-CO-7");

        ContractState amended = contract.amendedBy(order, document).amendedBy(order, document);

        assertThat(amended.line(3).orElseThrow().terms().amount()).isEqualByComparingTo("115000.00");
        assertThat(amended.line(3).orElseThrow().terms().estimatedCost()).isEqualByComparingTo("82000.00");
        assertThat(amended.line(4).orElseThrow().addedByChangeOrder()).isEqualTo("CO-2");
        assertThat(amended.changeOrders()).containsExactly(new ContractState.ChangeOrder("CO-2",
                LocalDate.parse("2026-06-30"), ModificationType.CUMULATIVE_CATCH_UP, document));
        assertThat(amended.lines()).as("applied twice, it changes nothing the second time").hasSize(3);
    }
}
