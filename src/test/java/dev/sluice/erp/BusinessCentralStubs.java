package dev.sluice.erp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;

/**
 * A Business Central company (API v2.0) and its Entra ID token endpoint, for the legal entity
 * UK01: every master-data entity set (the sync's full reads and the {@code $filter} look-ups of
 * one key), the company and its general ledger setup, and the writes of a contract (project,
 * milestone draft invoices and their lines). What it knows exists in no other backend of the
 * test. As in BC, the local currency (GBP) is the general ledger setup's, not a
 * {@code currencies} record.
 */
final class BusinessCentralStubs {

    static final String TENANT = "contoso-uk.onmicrosoft.com";
    static final String COMPANY = "5b3c1d2e-4f60-4a1b-9c8d-7e6f5a4b3c2d";
    static final String ROOT = "/v2.0/" + TENANT + "/production/api/v2.0/companies(" + COMPANY + ")/";
    static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";

    static final String CUSTOMER = "BC-CUST-1";
    static final String FF_ITEM = "BC-SVC-FF";
    static final String TM_ITEM = "BC-SVC-TM";
    static final String EMPLOYEE = "BC-EMP-1";

    /** One entity set: its key property and its members. */
    private record EntitySet(String path, String key, List<Member> members) {
    }

    private record Member(String key, String json) {
    }

    private static final List<EntitySet> SETS = List.of(
            new EntitySet("customers", "number", List.of(
                    new Member(CUSTOMER, "{\"id\":\"0a6f1c2e-0000-4000-8000-000000000001\",\"number\":\"" + CUSTOMER
                            + "\",\"displayName\":\"Contoso Europe Ltd\",\"blocked\":\" \",\"currencyCode\":\"EUR\","
                            + "\"lastModifiedDateTime\":\"2026-01-10T08:00:00Z\"}"),
                    new Member("BC-CUST-2", "{\"id\":\"0a6f1c2e-0000-4000-8000-000000000002\","
                            + "\"number\":\"BC-CUST-2\",\"displayName\":\"Fabrikam Trading\",\"blocked\":\"Invoice\","
                            + "\"currencyCode\":\"USD\",\"lastModifiedDateTime\":\"2026-01-11T08:00:00Z\"}"))),
            new EntitySet("employees", "number", List.of(
                    new Member(EMPLOYEE, "{\"id\":\"0b6f1c2e-0000-4000-8000-000000000001\",\"number\":\"" + EMPLOYEE
                            + "\",\"displayName\":\"Alan Turing\",\"status\":\"Active\","
                            + "\"lastModifiedDateTime\":\"2026-01-10T08:00:00Z\"}"))),
            new EntitySet("items", "number", List.of(
                    new Member(FF_ITEM, "{\"id\":\"0c6f1c2e-0000-4000-8000-000000000001\",\"number\":\"" + FF_ITEM
                            + "\",\"displayName\":\"Fixed-fee services\",\"type\":\"Service\","
                            + "\"lastModifiedDateTime\":\"2026-01-10T08:00:00Z\"}"),
                    new Member(TM_ITEM, "{\"id\":\"0c6f1c2e-0000-4000-8000-000000000002\",\"number\":\"" + TM_ITEM
                            + "\",\"displayName\":\"Consulting\",\"type\":\"Service\","
                            + "\"lastModifiedDateTime\":\"2026-01-10T08:00:00Z\"}"))),
            new EntitySet("currencies", "code", List.of(
                    new Member("EUR", "{\"id\":\"0d6f1c2e-0000-4000-8000-000000000001\",\"code\":\"EUR\","
                            + "\"displayName\":\"Euro\",\"amountDecimalPlaces\":\"2:2\","
                            + "\"lastModifiedDateTime\":\"2026-01-10T08:00:00Z\"}"),
                    new Member("USD", "{\"id\":\"0d6f1c2e-0000-4000-8000-000000000002\",\"code\":\"USD\","
                            + "\"displayName\":\"US dollar\",\"amountDecimalPlaces\":\"2:2\","
                            + "\"lastModifiedDateTime\":\"2026-01-10T08:00:00Z\"}"))),
            new EntitySet("taxGroups", "code", List.of()),
            new EntitySet("accounts", "number", List.of()));

    private BusinessCentralStubs() {
    }

    static void stub(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(200,
                "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"bc-token\"}")));
        // a collection nothing below answers has no members
        server.stubFor(get(urlPathMatching(ROOT.replace("(", "\\(").replace(")", "\\)") + ".*")).atPriority(10)
                .willReturn(json(200, page())));
        server.stubFor(get(urlPathEqualTo(ROOT.substring(0, ROOT.length() - 1))).willReturn(json(200,
                "{\"id\":\"" + COMPANY + "\",\"systemVersion\":\"25.0\",\"name\":\"CRONUS UK Ltd.\","
                        + "\"displayName\":\"CRONUS UK Ltd.\",\"businessProfileId\":\"\"}")));
        server.stubFor(get(urlPathEqualTo(ROOT + "generalLedgerSetup")).willReturn(json(200,
                page("{\"id\":\"0e6f1c2e-0000-4000-8000-000000000001\",\"localCurrencyCode\":\"GBP\"}"))));
        for (EntitySet set : SETS) {
            server.stubFor(get(urlPathEqualTo(ROOT + set.path())).atPriority(5)
                    .withQueryParam("$filter", absent())
                    .willReturn(json(200, page(set.members().stream().map(Member::json).toArray(String[]::new)))));
            for (Member member : set.members()) {
                server.stubFor(get(urlPathEqualTo(ROOT + set.path())).atPriority(1)
                        .withQueryParam("$filter", equalTo(set.key() + " eq '" + member.key() + "'"))
                        .willReturn(json(200, page(member.json()))));
            }
        }
        // the writes of a contract: BC answers what it stored
        server.stubFor(post(urlPathEqualTo(ROOT + "projects")).willReturn(json(201,
                "{\"@odata.etag\":\"W/\\\"JzE5OzE7Jw==\\\"\",\"id\":\"{{randomValue type='UUID'}}\","
                        + "\"number\":\"{{jsonPath request.body '$.number'}}\","
                        + "\"displayName\":\"{{jsonPath request.body '$.displayName'}}\"}")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo(ROOT + "salesInvoices")).willReturn(json(201,
                "{\"@odata.etag\":\"W/\\\"JzE5OzE7Jw==\\\"\",\"id\":\"{{randomValue type='UUID'}}\","
                        + "\"number\":\"S-INV{{randomValue length=6 type='NUMERIC'}}\","
                        + "\"externalDocumentNumber\":\"{{jsonPath request.body '$.externalDocumentNumber'}}\","
                        + "\"customerNumber\":\"{{jsonPath request.body '$.customerNumber'}}\","
                        + "\"customerPurchaseOrderReference\":"
                        + "\"{{jsonPath request.body '$.customerPurchaseOrderReference'}}\","
                        + "\"currencyCode\":\"{{jsonPath request.body '$.currencyCode'}}\",\"status\":\"Draft\"}")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching(ROOT.replace("(", "\\(").replace(")", "\\)")
                + "salesInvoices\\([^)]+\\)/salesInvoiceLines")).willReturn(json(201,
                "{\"@odata.etag\":\"W/\\\"JzE5OzE7Jw==\\\"\",\"id\":\"{{randomValue type='UUID'}}\","
                        + "\"lineType\":\"Item\",\"lineObjectNumber\":\"{{jsonPath request.body '$.lineObjectNumber'}}\"}")
                .withTransformers("response-template")));
    }

    static String page(String... members) {
        return "{\"@odata.context\":\"https://api.businesscentral.dynamics.com/v2.0/$metadata\",\"value\":["
                + String.join(",", members) + "]}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type",
                "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8").withBody(body);
    }
}
