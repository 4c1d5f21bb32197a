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

    private void localCurrencyIs(String code, String lastModified) {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "generalLedgerSetup")).willReturn(okJson(page(null,
                "{\"localCurrencyCode\":\"" + code + "\",\"lastModifiedDateTime\":\"" + lastModified + "\"}"))));
    }

    private static String currency(String code, String decimalPlaces) {
        return "{\"code\":\"" + code + "\",\"displayName\":\"" + code + "\",\"amountDecimalPlaces\":\""
                + decimalPlaces + "\"}";
    }

    @Test
    void theLocalCurrencyIsListedAmongBcsForeignCurrenciesInKeyOrder() {
        localCurrencyIs("GBP", "2025-01-10T08:00:00Z");
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", absent())
                .withQueryParam("$orderby", equalTo("code"))
                .willReturn(okJson(page(null, currency("EUR", "2:2"), currency("JPY", "0:0"),
                        currency("USD", "2:2")))));

        Page<MasterRecord.Currency> page = bc.erp.list(MasterDataType.CURRENCIES, null, 10);

        assertThat(page.items()).containsExactly(new MasterRecord.Currency("EUR", 2),
                new MasterRecord.Currency("GBP", MasterDataMapping.LOCAL_CURRENCY_MINOR_UNITS),
                new MasterRecord.Currency("JPY", 0), new MasterRecord.Currency("USD", 2));
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void theLocalCurrencyTakesItsPlaceInThePagesItFallsIn() {
        localCurrencyIs("GBP", "2025-01-10T08:00:00Z");
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", absent())
                .withQueryParam("$top", equalTo("3"))
                .willReturn(okJson(page(null, currency("CHF", "2:2"), currency("EUR", "2:2"),
                        currency("JPY", "0:0")))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", equalTo("code gt 'EUR'"))
                .withQueryParam("$top", equalTo("3"))
                .willReturn(okJson(page(null, currency("JPY", "0:0"), currency("USD", "2:2")))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", equalTo("code gt 'GBP'"))
                .withQueryParam("$top", equalTo("3"))
                .willReturn(okJson(page(null, currency("JPY", "0:0"), currency("USD", "2:2")))));

        Page<MasterRecord.Currency> first = bc.erp.list(MasterDataType.CURRENCIES, null, 2);
        assertThat(first.items()).extracting(MasterRecord.Currency::code).containsExactly("CHF", "EUR");
        assertThat(first.nextAfter()).isEqualTo("EUR");

        Page<MasterRecord.Currency> second = bc.erp.list(MasterDataType.CURRENCIES, first.nextAfter(), 2);
        assertThat(second.items()).extracting(MasterRecord.Currency::code).containsExactly("GBP", "JPY");
        assertThat(second.nextAfter()).isEqualTo("JPY");

        Page<MasterRecord.Currency> afterLocal = bc.erp.list(MasterDataType.CURRENCIES, "GBP", 2);
        assertThat(afterLocal.items()).extracting(MasterRecord.Currency::code).containsExactly("JPY", "USD");
        assertThat(afterLocal.nextAfter()).isNull();
    }

    @Test
    void theLocalCurrencyIsNotListedTwiceWhenBcHasARecordForIt() {
        localCurrencyIs("GBP", "2025-01-10T08:00:00Z");
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .willReturn(okJson(page(null, currency("EUR", "2:2"), currency("GBP", "2:3")))));

        assertThat(bc.erp.list(MasterDataType.CURRENCIES, null, 10).items()).containsExactly(
                new MasterRecord.Currency("EUR", 2), new MasterRecord.Currency("GBP", 3));
    }

    @Test
    void theLocalCurrencyIsFoundThoughBcsCurrenciesDoNotHoldIt() {
        localCurrencyIs("GBP", "2025-01-10T08:00:00Z");
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", equalTo("code eq 'GBP'"))
                .willReturn(okJson(page(null))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", equalTo("code eq 'EUR'"))
                .willReturn(okJson(page(null, currency("EUR", "2:2")))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", equalTo("code eq 'XXX'"))
                .willReturn(okJson(page(null))));

        assertThat(bc.erp.find(MasterDataType.CURRENCIES, "GBP"))
                .contains(new MasterRecord.Currency("GBP", MasterDataMapping.LOCAL_CURRENCY_MINOR_UNITS));
        assertThat(bc.erp.find(MasterDataType.CURRENCIES, "EUR")).contains(new MasterRecord.Currency("EUR", 2));
        assertThat(bc.erp.find(MasterDataType.CURRENCIES, "XXX")).isEmpty();
    }

    @Test
    void theLocalCurrencyIsAmongTheChangedOnesWhenTheLedgerSetupChanged() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .withQueryParam("$filter", equalTo("lastModifiedDateTime ge 2026-02-01T00:00:00Z"))
                .willReturn(okJson(page(null, currency("EUR", "2:2"), currency("USD", "2:2")))));

        localCurrencyIs("GBP", "2026-02-03T10:15:00.123Z");
        assertThat(bc.erp.changedSince(MasterDataType.CURRENCIES, Instant.parse("2026-02-01T00:00:00Z")))
                .hasValueSatisfying(changed -> assertThat(changed).extracting(MasterRecord.Currency::code)
                        .containsExactly("EUR", "GBP", "USD"));

        localCurrencyIs("GBP", "2025-01-10T08:00:00Z");
        assertThat(bc.erp.changedSince(MasterDataType.CURRENCIES, Instant.parse("2026-02-01T00:00:00Z")))
                .hasValueSatisfying(changed -> assertThat(changed).extracting(MasterRecord.Currency::code)
                        .containsExactly("EUR", "USD"));
    }

    @Test
    void aCustomerWithABlankCurrencyCodeIsInTheLocalCurrency() {
        localCurrencyIs("GBP", "2025-01-10T08:00:00Z");
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers"))
                .withQueryParam("$filter", absent())
                .willReturn(okJson(page(null,
                        "{\"number\":\"C-01\",\"displayName\":\"Fabrikam\",\"blocked\":\" \",\"currencyCode\":\"\"}",
                        customer("C-02", " ")))));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers"))
                .withQueryParam("$filter", equalTo("number eq 'C-01'"))
                .willReturn(okJson(page(null,
                        "{\"number\":\"C-01\",\"displayName\":\"Fabrikam\",\"blocked\":\" \",\"currencyCode\":\"\"}"))));

        assertThat(bc.erp.list(MasterDataType.CUSTOMERS, null, 10).items())
                .extracting(MasterRecord.Customer::currency).containsExactly("GBP", "USD");
        assertThat(bc.erp.find(MasterDataType.CUSTOMERS, "C-01")).hasValueSatisfying(
                customer -> assertThat(customer.currency()).isEqualTo("GBP"));
        bc.server.verify(2, getRequestedFor(urlPathEqualTo(ROOT + "generalLedgerSetup")));
    }

    @Test
    void customersInForeignCurrenciesDoNotReadTheLedgerSetup() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(okJson(page(null,
                customer("C-01", " ")))));

        assertThat(bc.erp.list(MasterDataType.CUSTOMERS, null, 10).items())
                .extracting(MasterRecord.Customer::currency).containsExactly("USD");
        bc.server.verify(0, getRequestedFor(urlPathEqualTo(ROOT + "generalLedgerSetup")));
    }

    @Test
    void withoutALocalCurrencyInBcThereIsNoLegalEntityAndNoLocalCurrency() {
        localCurrencyIs("", "2025-01-10T08:00:00Z");
        bc.server.stubFor(get(urlPathEqualTo(ROOT.substring(0, ROOT.length() - 1)))
                .willReturn(okJson("{\"id\":\"" + BcFixture.COMPANY + "\",\"displayName\":\"CRONUS UK Ltd.\"}")));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "currencies"))
                .willReturn(okJson(page(null, currency("EUR", "2:2")))));

        assertThat(bc.erp.list(MasterDataType.LEGAL_ENTITIES, null, 10).items()).isEmpty();
        assertThat(bc.erp.find(MasterDataType.LEGAL_ENTITIES, "US01")).isEmpty();
        assertThat(bc.erp.list(MasterDataType.CURRENCIES, null, 10).items())
                .containsExactly(new MasterRecord.Currency("EUR", 2));
    }
}
