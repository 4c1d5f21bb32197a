package dev.sluice.api.v1;

import dev.sluice.masterdata.ErpDocuments;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A contract or project answered to a caller: from the ERP as is; from the gateway's view, when
 * the ERP could not answer, with {@code Age} (seconds since the ERP last confirmed it) and
 * {@code Sluice-Erp-Status} saying so and since when.
 */
final class DocumentAnswers {

    private DocumentAnswers() {
    }

    static Response ok(Object body, ErpDocuments.Answer<?> answer) {
        Response.ResponseBuilder ok = Response.ok(body);
        if (!answer.fresh()) {
            OffsetDateTime confirmed = answer.confirmedAt().withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS);
            long age = Math.max(0, Duration.between(answer.confirmedAt(), OffsetDateTime.now(ZoneOffset.UTC)).toSeconds());
            ok.header("Age", Long.toString(age))
                    .header("Sluice-Erp-Status", "unavailable; confirmed-at=\""
                            + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(confirmed) + "\"");
        }
        return ok.build();
    }
}
