package dev.sluice.admin.v1;

import dev.sluice.admin.v1.generated.AuditApi;
import dev.sluice.admin.v1.model.AuditPage;
import dev.sluice.admin.v1.model.AuditRecord;
import dev.sluice.admin.v1.model.AuditVerification;
import dev.sluice.api.Cursors;
import dev.sluice.governance.AuditTrail;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.OffsetDateTime;
import java.util.List;

/** The audit log, for security teams. */
public class AuditResource implements AuditApi {

    private final AuditTrail audit;
    private final Cursors cursors;

    AuditResource(AuditTrail audit, Cursors cursors) {
        this.audit = audit;
        this.cursors = cursors;
    }

    @Override
    public Response listAudit(String clientId, String operation, OffsetDateTime from, OffsetDateTime to,
            String correlationId, Integer limit, String after, String xCorrelationId) {
        Long afterId = after == null ? null : cursors.decodeLong(after);
        List<AuditTrail.Record> records = audit.find(new AuditTrail.Query(clientId, operation, from, to, correlationId,
                afterId, limit + 1));
        List<AuditTrail.Record> page = records.stream().limit(limit).toList();
        String next = null;
        if (records.size() > limit) {
            UriBuilder link = UriBuilder.fromPath("/admin/v1/audit");
            addIfPresent(link, "clientId", clientId);
            addIfPresent(link, "operation", operation);
            addIfPresent(link, "from", from);
            addIfPresent(link, "to", to);
            addIfPresent(link, "correlationId", correlationId);
            next = link.queryParam("limit", limit)
                    .queryParam("after", cursors.encode(page.get(page.size() - 1).id()))
                    .build().toString();
        }
        return Response.ok(new AuditPage().items(page.stream().map(AuditResource::record).toList()).next(next))
                .build();
    }

    @Override
    public Response verifyAudit(String correlationId) {
        AuditTrail.Verification verification = audit.verify();
        return Response.ok(new AuditVerification().valid(verification.valid()).checked(verification.checked())
                .firstBrokenId(verification.firstBrokenId())).build();
    }

    private static void addIfPresent(UriBuilder link, String name, Object value) {
        if (value != null) {
            link.queryParam(name, value.toString());
        }
    }

    private static AuditRecord record(AuditTrail.Record r) {
        AuditTrail.Entry e = r.entry();
        return new AuditRecord().id(r.id()).at(r.at()).clientId(e.clientId()).subject(e.subject())
                .operation(e.operation()).resource(e.resource()).status(e.status()).correlationId(e.correlationId())
                .bodySha256(e.bodySha256()).previousHash(r.previousHash()).hash(r.hash());
    }
}
