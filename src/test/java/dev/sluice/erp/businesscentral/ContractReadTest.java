package dev.sluice.erp.businesscentral;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sluice.erp.businesscentral.BcFixture.ROOT;
import static dev.sluice.erp.businesscentral.BcFixture.okJson;
import static dev.sluice.erp.businesscentral.BcFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.domain.ContractState;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code GET /api/v1/contracts/{n}} can learn from Business Central. */
class ContractReadTest {

    private BcFixture bc;

    @BeforeEach
    void start() {
        bc = new BcFixture();
        bc.tokenIs("t1");
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    @Test
    void theContractsPositionIsWhatItsPostedMilestoneInvoicesBilled() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "projects"))
                .withQueryParam("$filter", equalTo("number eq 'C-1001'"))
                .willReturn(okJson(page(null, "{\"id\":\"p-1\",\"number\":\"C-1001\",\"displayName\":\"ERP roll-out\"}"))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices"))
                .withQueryParam("$filter", equalTo("customerPurchaseOrderReference eq 'C-1001'"))
                .willReturn(okJson(page(null,
                        "{\"number\":\"103001\",\"status\":\"Paid\",\"customerNumber\":\"CUST-001\","
                                + "\"currencyCode\":\"USD\",\"totalAmountExcludingTax\":20000.00}",
                        "{\"number\":\"S-INV-D2\",\"status\":\"Draft\",\"customerNumber\":\"CUST-001\","
                                + "\"currencyCode\":\"USD\",\"totalAmountExcludingTax\":30000.00}"))));

        ContractState contract = bc.erp.findContract("C-1001").orElseThrow();

        assertThat(contract.customerNumber()).isEqualTo("CUST-001");
        assertThat(contract.currency()).isEqualTo("USD");
        assertThat(contract.position().billed()).as("a draft bills nothing").isEqualByComparingTo("20000.00");
        assertThat(contract.position().recognized()).isEqualByComparingTo("20000.00");
        assertThat(contract.position().contractAsset()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(contract.lines()).as("BC's API holds no contract lines").isEmpty();
    }

    @Test
    void aContractWithoutItsProjectIsNotInBc() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "projects")).willReturn(okJson(page(null))));

        assertThat(bc.erp.findContract("C-404")).isEmpty();
    }

    @Test
    void aContractWhoseInvoicesHaveNoCurrencyCodeIsInTheLocalCurrency() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "projects"))
                .willReturn(okJson(page(null, "{\"id\":\"p-2\",\"number\":\"C-2001\",\"displayName\":\"Audit\"}"))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "salesInvoices"))
                .willReturn(okJson(page(null, "{\"number\":\"S-INV-D3\",\"status\":\"Draft\","
                        + "\"customerNumber\":\"CUST-UK\",\"currencyCode\":\"\",\"totalAmountExcludingTax\":500.00}"))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "generalLedgerSetup"))
                .willReturn(okJson(page(null, "{\"localCurrencyCode\":\"GBP\"}"))));

        assertThat(bc.erp.findContract("C-2001").orElseThrow().currency()).isEqualTo("GBP");
    }
}
