package dev.sluice.erp.businesscentral;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sluice.erp.businesscentral.BcFixture.ROOT;
import static dev.sluice.erp.businesscentral.BcFixture.error;
import static dev.sluice.erp.businesscentral.BcFixture.okJson;
import static dev.sluice.erp.businesscentral.BcFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each kind of Business Central failure means to the dispatcher. */
class ErrorMappingTest {

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

    private PostingOutcome approveTimeAnswered(ResponseDefinitionBuilder answer) {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "timeRegistrationEntries")).willReturn(okJson(page(null))));
        bc.server.stubFor(post(urlPathEqualTo(ROOT + "timeRegistrationEntries")).willReturn(answer));
        TimeEntry entry = new TimeEntry("TE-9", 1, "EMP-404", "P-1001", "T1", LocalDate.parse("2026-02-03"),
                new BigDecimal("7.50"), "CONSULTANT", true, "EMP-007", OffsetDateTime.parse("2026-02-04T09:00:00Z"),
                null);
        return bc.erp.post(new Delivery(UUID.randomUUID(), "1", new ApproveTime(List.of(entry)), "corr", null));
    }

    private ErpUnavailableException unavailableOn(ResponseDefinitionBuilder answer) {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(answer));
        return catchThrowableOfType(ErpUnavailableException.class,
                () -> bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001"));
    }

    @Test
    void anApplicationErrorIsARefusalWithBcsOwnMessageAtTheEntry() {
        PostingOutcome outcome = approveTimeAnswered(error(400, "Application_DialogException",
                "The Employee does not exist. Identification fields and values: No.='EMP-404'"));

        assertThat(outcome).isEqualTo(new PostingOutcome.Refused(
                "The Employee does not exist. Identification fields and values: No.='EMP-404'",
                List.of(new Violation("/entries/0", "Application_DialogException",
                        "The Employee does not exist. Identification fields and values: No.='EMP-404'"))));
    }

    @Test
    void aBadRequestIsARefusal() {
        PostingOutcome outcome = approveTimeAnswered(error(400, "BadRequest_InvalidToken",
                "Could not validate the client concurrency token required by the service."));

        assertThat(outcome).isInstanceOf(PostingOutcome.Refused.class);
        assertThat(((PostingOutcome.Refused) outcome).reason()).startsWith("Could not validate");
    }

    @Test
    void aDataErrorInTheInternalFamilyIsARefusalNotAnOutage() {
        PostingOutcome outcome = approveTimeAnswered(error(400, "Internal_InvalidTableRelation",
                "The field Job No. of table Time Sheet Line contains a value (P-1001) that cannot be found"));

        assertThat(outcome).isInstanceOf(PostingOutcome.Refused.class);
    }

    @Test
    void throttlingWithoutRetryAfterWaitsTheAdaptersOwnBackOff() {
        ErpUnavailableException e = unavailableOn(error(429, "Application_TooManyRequests", "Too many requests"));

        assertThat(e.kind()).isEqualTo(ErpUnavailableException.Cause.THROTTLED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    void throttlingWithRetryAfterWaitsAsLongAsBcSays() {
        ErpUnavailableException e = unavailableOn(error(429, "Application_TooManyRequests", "Too many requests")
                .withHeader("Retry-After", "12"));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void aServerErrorIsUnavailable() {
        ErpUnavailableException e = unavailableOn(error(500, "Internal_ServerError",
                "Cannot establish a connection to the SQL Server/Database."));

        assertThat(e.kind()).isEqualTo(ErpUnavailableException.Cause.SERVER_ERROR);
        assertThat(e.getMessage()).contains("Internal_ServerError");
    }

    @Test
    void anUnavailableTenantIsUnavailable() {
        assertThat(unavailableOn(error(503, "Internal_TenantUnavailable", "The tenant is not accessible")).kind())
                .isEqualTo(ErpUnavailableException.Cause.SERVER_ERROR);
    }

    @Test
    void aMissingPermissionIsAccessDenied() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(error(403,
                "Authorization_NotAllowed", "You do not have the following permissions on TableData Customer: Read")));

        assertThatThrownBy(() -> bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001"))
                .isInstanceOf(ErpAccessDeniedException.class)
                .hasMessageContaining("TableData Customer");
    }

    @Test
    void anUnknownCompanyIsAccessDeniedNamingTheSetting() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(error(404, "Internal_CompanyNotFound",
                "Cannot process the request because the default company cannot be found.")));

        assertThatThrownBy(() -> bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001"))
                .isInstanceOf(ErpAccessDeniedException.class)
                .hasMessageContaining("company-id");
    }

    @Test
    void anUnreachableBcIsUnavailable() {
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(okJson("{}")
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(catchThrowableOfType(ErpUnavailableException.class,
                () -> bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001")).kind())
                .isEqualTo(ErpUnavailableException.Cause.UNREACHABLE);
    }
}
