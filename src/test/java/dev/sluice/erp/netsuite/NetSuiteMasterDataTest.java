package dev.sluice.erp.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetSuiteMasterDataTest {

    private NetSuiteFixture netsuite;

    @BeforeEach
    void start() {
        netsuite = new NetSuiteFixture();
        netsuite.issues("token-1");
    }

    @AfterEach
    void stop() {
        netsuite.close();
    }

    private void page(int limit, int offset, String rows, boolean hasMore) {
        netsuite.server.stubFor(post(urlEqualTo(NetSuiteClient.SUITEQL + "?limit=" + limit + "&offset=" + offset))
                .withHeader("Prefer", equalTo("transient"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":" + rows + ",\"hasMore\":" + hasMore + "}")));
    }

    private static String customer(String number) {
        return "{\"entityid\":\"" + number + "\",\"companyname\":\"Co " + number + "\",\"isinactive\":\"F\","
                + "\"currency\":\"USD\"}";
    }

    @Test
    void listsInKeyOrderAfterTheKeyReadingFurtherNetSuitePagesWhileItHasMore() {
        page(3, 0, "[" + customer("C1") + "," + customer("C2") + "]", true);
        page(3, 3, "[" + customer("C3") + "]", false);

        Page<MasterRecord.Customer> page = netsuite.adapter().list(MasterDataType.CUSTOMERS, "C0", 2);

        assertThat(page.items()).extracting(MasterRecord.Customer::customerNumber).containsExactly("C1", "C2");
        assertThat(page.nextAfter()).isEqualTo("C2");
        netsuite.server.verify(postRequestedFor(urlPathEqualTo(NetSuiteClient.SUITEQL))
                .withRequestBody(containing("c.entityid > 'C0' ORDER BY c.entityid")));
    }

    @Test
    void theLastPageHasNoNextKey() {
        page(3, 0, "[" + customer("C1") + "]", false);

        Page<MasterRecord.Customer> page = netsuite.adapter().list(MasterDataType.CUSTOMERS, null, 2);

        assertThat(page.items()).hasSize(1);
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void mapsAnInactiveCustomerAsBlockedAndAReleasedEmployeeAsTerminated() {
        netsuite.suiteQl("c.entityid = 'C9'", "[{\"entityid\":\"C9\",\"companyname\":\"Nine\",\"isinactive\":\"T\","
                + "\"currency\":\"EUR\"}]");
        netsuite.suiteQl("e.entityid = 'EMP-1'", "[{\"entityid\":\"EMP-1\",\"firstname\":\"Ada\",\"lastname\":\"L\","
                + "\"title\":\"CONSULTANT\",\"laborcost\":\"80.5\",\"isinactive\":\"F\",\"releasedate\":\"2026-02-01\","
                + "\"subsidiary\":\"US01\",\"currency\":\"USD\"}]");

        NetSuiteErp adapter = netsuite.adapter();

        assertThat(adapter.find(MasterDataType.CUSTOMERS, "C9")).contains(
                new MasterRecord.Customer("C9", "Nine", MasterRecord.Customer.Status.BLOCKED, "EUR"));
        assertThat(adapter.find(MasterDataType.EMPLOYEES, "EMP-1")).contains(new MasterRecord.Employee("EMP-1",
                "Ada L", "CONSULTANT", new BigDecimal("80.5"), "USD", "US01", MasterRecord.Employee.Status.TERMINATED,
                LocalDate.parse("2026-02-01")));
    }

    @Test
    void mapsTaxRatesAsFractionsAndAccountTypesToTheGatewaysTypes() {
        netsuite.suiteQl("t.itemid = 'GB-STD'", "[{\"itemid\":\"GB-STD\",\"rate\":\"20.00%\"}]");
        netsuite.suiteQl("a.acctnumber = '2400'", "[{\"acctnumber\":\"2400\",\"acctname\":\"Deferred\","
                + "\"accttype\":\"DeferRevenue\"}]");

        NetSuiteErp adapter = netsuite.adapter();

        assertThat(adapter.find(MasterDataType.TAX_CODES, "GB-STD").orElseThrow().rate()).isEqualByComparingTo("0.20");
        assertThat(adapter.find(MasterDataType.GL_ACCOUNTS, "2400").orElseThrow().type())
                .isEqualTo(MasterRecord.GlAccount.Type.LIABILITY);
    }

    @Test
    void changedSinceFiltersOnLastModifiedDateWithAMarginForTheAccountsTimeZone() {
        netsuite.suiteQl("c.lastmodifieddate >= TO_TIMESTAMP('2026-02-28 10:00:00', 'YYYY-MM-DD HH24:MI:SS')",
                "[" + customer("C1") + "]");

        List<MasterRecord.Customer> changed = netsuite.adapter()
                .changedSince(MasterDataType.CUSTOMERS, Instant.parse("2026-03-01T10:00:00Z")).orElseThrow();

        assertThat(changed).extracting(MasterRecord.Customer::customerNumber).containsExactly("C1");
    }

    @Test
    void changedSinceIsUnknownForTypesWithoutALastModifiedDate() {
        assertThat(netsuite.adapter().changedSince(MasterDataType.CURRENCIES, Instant.now())).isEmpty();
    }
}
