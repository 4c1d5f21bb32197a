package dev.sluice.erp.sandbox;

import dev.sluice.domain.ErpReference;
import dev.sluice.erp.Delivery;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The sandbox's document numbers and its journal of every document posted. */
@ApplicationScoped
class DocumentJournal {

    static final String BACKEND = "sandbox";

    private final Json json;
    private final EntityManager entityManager;

    DocumentJournal(Json json, EntityManager entityManager) {
        this.json = json;
        this.entityManager = entityManager;
    }

    /** A new document number, e.g. {@code SBX-TE-000042}. */
    String nextDocumentId(String prefix) {
        Number next = (Number) entityManager.createNativeQuery("select nextval('sandbox.document_number')")
                .getSingleResult();
        return "SBX-" + prefix + "-" + String.format("%06d", next.longValue());
    }

    /** Records a document (or a revision of one) with the delivery that caused it. */
    void record(ErpReference reference, String businessKey, int revision, Object body, Delivery delivery) {
        DocumentRow document = new DocumentRow();
        document.documentId = reference.documentId();
        document.documentType = reference.documentType();
        document.businessKey = businessKey;
        document.revision = revision;
        document.operationId = delivery.operationId();
        document.correlationId = delivery.correlationId();
        document.traceparent = delivery.traceparent();
        document.body = json.write(body);
        document.postedAt = now();
        document.persist();
    }

    static ErpReference reference(String documentType, String documentId) {
        return new ErpReference(BACKEND, documentType, documentId);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
