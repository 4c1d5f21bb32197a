package dev.sluice.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.RoleRate;
import dev.sluice.domain.UpsertContract;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's view of contracts: what postings and reads record, and which of them wins. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class DocumentViewTest {

    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 12, 7, 12, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    DocumentView view;

    private static UpsertContract terms(String contractNumber, String rate) {
        return new UpsertContract(contractNumber, "CUST-001", "US01", "USD", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), null, List.of(new ContractLineTerms(1, "SVC-TM",
                        BillingMethod.TIME_AND_MATERIALS, null, List.of(new RoleRate("CONSULTANT", new BigDecimal(rate))),
                        null, null, null, null)));
    }

    private static BigDecimal rate(ContractState contract) {
        return contract.line(1).orElseThrow().terms().rateFor("CONSULTANT").orElseThrow().hourlyRate();
    }

    private void posted(Object command, OffsetDateTime at) {
        QuarkusTransaction.requiringNew().run(() -> view.posted((dev.sluice.domain.Command) command,
                List.of(new ErpReference("sandbox", "CONTRACT", "SBX-1")), "sandbox", at));
    }

    @Test
    void aPostingIsRecordedWithTheErpsDocumentAndWhenItWasConfirmed() {
        String number = "C-" + UUID.randomUUID();
        posted(terms(number, "150.00"), NOON);

        DocumentView.Viewed<ContractState> viewed = view.contract(number).orElseThrow();
        assertThat(rate(viewed.document())).isEqualByComparingTo("150.00");
        assertThat(viewed.document().reference().documentId()).isEqualTo("SBX-1");
        assertThat(viewed.backend()).isEqualTo("sandbox");
        assertThat(viewed.confirmedAt()).isEqualTo(NOON);
        assertThat(viewed.source()).isEqualTo(DocumentView.Source.POSTED);
    }

    @Test
    void aReadStartedBeforeALaterPostingDoesNotOverwriteIt() {
        String number = "C-" + UUID.randomUUID();
        ContractState asReadEarlier = ContractState.upserted(null, terms(number, "100.00"), null);
        posted(terms(number, "150.00"), NOON);

        view.read(asReadEarlier, "sandbox", NOON.minusSeconds(1));
        assertThat(rate(view.contract(number).orElseThrow().document())).as("the posting is newer").isEqualByComparingTo("150.00");

        view.read(asReadEarlier, "sandbox", NOON.plusSeconds(1));
        DocumentView.Viewed<ContractState> viewed = view.contract(number).orElseThrow();
        assertThat(rate(viewed.document())).as("what the ERP said after it").isEqualByComparingTo("100.00");
        assertThat(viewed.source()).isEqualTo(DocumentView.Source.READ);
    }

    @Test
    void aChangeOrderAmendsTheContractInTheViewAndOneForAContractItNeverHeldChangesNothing() {
        String number = "C-" + UUID.randomUUID();
        posted(terms(number, "150.00"), NOON);
        AmendContract order = new AmendContract(number, "CO-1", LocalDate.parse("2026-06-30"),
                ModificationType.SEPARATE_CONTRACT, null, List.of(), List.of(new ContractLineTerms(2, "SVC-TM",
                        BillingMethod.TIME_AND_MATERIALS, null, List.of(new RoleRate("ARCHITECT", new BigDecimal("200"))),
                        null, null, null, null)));
        String unknown = "C-" + UUID.randomUUID();

        posted(order, NOON.plusMinutes(1));
        posted(new AmendContract(unknown, "CO-1", order.effectiveDate(), order.modificationType(), null,
                order.lineChanges(), order.newLines()), NOON.plusMinutes(1));

        ContractState amended = view.contract(number).orElseThrow().document();
        assertThat(amended.line(2).orElseThrow().addedByChangeOrder()).isEqualTo("CO-1");
        assertThat(amended.changeOrders()).extracting(ContractState.ChangeOrder::changeOrderNumber).containsExactly("CO-1");
        assertThat(view.contract(unknown)).as("read from the ERP when next needed").isEmpty();
    }

    @Test
    void documentsConfirmedLongestAgoComeFirstForRefreshing() {
        String older = "C-" + UUID.randomUUID();
        String newer = "C-" + UUID.randomUUID();
        posted(terms(newer, "1.00"), NOON.minusYears(20).plusDays(1));
        posted(terms(older, "1.00"), NOON.minusYears(20));

        List<DocumentView.Stale> stale = view.confirmedBefore(NOON.minusYears(19), 2);

        assertThat(stale).extracting(DocumentView.Stale::key).containsExactly(older, newer);
        assertThat(stale).allMatch(DocumentView.Stale::contract);
    }
}
