package dev.sluice.erp.businesscentral;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sluice.erp.businesscentral.BcFixture.ROOT;
import static dev.sluice.erp.businesscentral.BcFixture.okJson;
import static dev.sluice.erp.businesscentral.BcFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.erp.ErpUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterDataTest {

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

    private static String customer(String number, String blocked) {
        return "{\"number\":\"" + number + "\",\"displayName\":\"Customer " + number + "\",\"blocked\":\"" + blocked
                + "\",\"currencyCode\":\"USD\"}";
    }

    @Test
    void listsInKeyOrderAfterTheKeyAcrossBcsPages() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers"))
                .withQueryParam("$filter", equalTo("number gt 'C-01'"))
                .withQueryParam("$orderby", equalTo("number"))
                .withQueryParam("$top", equalTo("3"))
                .willReturn(okJson(page(bc.url("customers?$skiptoken=C-03"), customer("C-02", " "),
                        customer("C-03", "Invoice")))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers"))
                .withQueryParam("$skiptoken", equalTo("C-03"))
                .willReturn(okJson(page(null, customer("C-04", " ")))));

        Page<MasterRecord.Customer> page = bc.erp.list(MasterDataType.CUSTOMERS, "C-01", 2);

        assertThat(page.items()).extracting(MasterRecord.Customer::customerNumber).containsExactly("C-02", "C-03");
        assertThat(page.items()).extracting(MasterRecord.Customer::status)
                .containsExactly(MasterRecord.Customer.Status.ACTIVE, MasterRecord.Customer.Status.BLOCKED);
        assertThat(page.nextAfter()).as("a third record exists, so the page continues after C-03").isEqualTo("C-03");
    }

    @Test
    void aNextLinkOutsideBcsBaseUrlIsNotFollowedWithTheToken() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(okJson(
                page("https://elsewhere.example/customers?$skiptoken=2", customer("C-01", " ")))));

        assertThatThrownBy(() -> bc.erp.list(MasterDataType.CUSTOMERS, null, 5))
                .isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("outside its base URL");
    }

    @Test
    void theLastPageHasNoNextKey() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers"))
                .withQueryParam("$filter", absent())
                .willReturn(okJson(page(null, customer("C-01", " ")))));

        Page<MasterRecord.Customer> page = bc.erp.list(MasterDataType.CUSTOMERS, null, 50);

        assertThat(page.items()).hasSize(1);
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void findsOneRecordByItsNumber() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "employees"))
                .withQueryParam("$filter", equalTo("number eq 'EMP-001'"))
                .willReturn(okJson(page(null, "{\"number\":\"EMP-001\",\"displayName\":\"Ada Lovelace\","
                        + "\"status\":\"Terminated\",\"terminationDate\":\"2026-02-28\"}"))));

        MasterRecord.Employee employee = bc.erp.find(MasterDataType.EMPLOYEES, "EMP-001").orElseThrow();

        assertThat(employee.status()).isEqualTo(MasterRecord.Employee.Status.TERMINATED);
        assertThat(employee.terminationDate()).isEqualTo(LocalDate.parse("2026-02-28"));
        assertThat(employee.legalEntity()).isEqualTo("US01");
        assertThat(employee.costRate()).as("BC's API has no cost rate").isNull();
    }

    @Test
    void changedSinceFiltersOnLastModifiedDateTime() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "items"))
                .withQueryParam("$filter", equalTo("lastModifiedDateTime ge 2026-02-01T00:00:00Z"))
                .willReturn(okJson(page(bc.url("items?$skiptoken=2"),
                        "{\"number\":\"SVC-TM\",\"displayName\":\"Consulting\",\"type\":\"Service\"}"))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "items")).withQueryParam("$skiptoken", equalTo("2"))
                .willReturn(okJson(page(null,
                        "{\"number\":\"HW-1\",\"displayName\":\"Laptop\",\"type\":\"Inventory\"}"))));

        List<MasterRecord.Item> changed = bc.erp.changedSince(MasterDataType.ITEMS,
                Instant.parse("2026-02-01T00:00:00Z")).orElseThrow();

        assertThat(changed).containsExactly(new MasterRecord.Item("SVC-TM", "Consulting", MasterRecord.Item.Type.SERVICE),
                new MasterRecord.Item("HW-1", "Laptop", MasterRecord.Item.Type.PRODUCT));
    }

    @Test
    void glAccountsTakeTheirTypeFromBcsCategory() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "accounts")).willReturn(okJson(page(null,
                "{\"number\":\"40100\",\"displayName\":\"Services revenue\",\"category\":\"Income\"}"))));

        assertThat(bc.erp.find(MasterDataType.GL_ACCOUNTS, "40100")).contains(
                new MasterRecord.GlAccount("40100", "Services revenue", MasterRecord.GlAccount.Type.REVENUE));
    }

    @Test
    void theLegalEntityIsTheCompanyWithItsLocalCurrency() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT.substring(0, ROOT.length() - 1)))
                .willReturn(okJson("{\"id\":\"" + BcFixture.COMPANY + "\",\"displayName\":\"CRONUS USA, Inc.\"}")));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "generalLedgerSetup"))
                .willReturn(okJson(page(null, "{\"localCurrencyCode\":\"USD\"}"))));

        assertThat(bc.erp.list(MasterDataType.LEGAL_ENTITIES, null, 10).items())
                .containsExactly(new MasterRecord.LegalEntity("US01", "CRONUS USA, Inc.", "USD"));
        assertThat(bc.erp.find(MasterDataType.LEGAL_ENTITIES, "DE01")).isEmpty();
        bc.server.verify(1, getRequestedFor(urlPathEqualTo(ROOT.substring(0, ROOT.length() - 1))));
    }
}
