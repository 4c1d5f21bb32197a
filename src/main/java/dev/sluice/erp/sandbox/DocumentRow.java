package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The sandbox's journal: every document it posted, never changed afterwards. */
@Entity
@Table(schema = "sandbox", name = "document")
@IdClass(DocumentRow.Key.class)
class DocumentRow extends PanacheEntityBase {

    @Id
    @Column(name = "document_id")
    public String documentId;

    @Column(name = "document_type")
    public String documentType;

    @Column(name = "business_key")
    public String businessKey;

    @Id
    public int revision;

    @Column(name = "operation_id")
    public UUID operationId;

    @Column(name = "correlation_id")
    public String correlationId;

    public String traceparent;

    @JdbcTypeCode(SqlTypes.JSON)
    public String body;

    @Column(name = "posted_at")
    public OffsetDateTime postedAt;

    static class Key implements Serializable {
        public String documentId;
        public int revision;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(documentId, k.documentId) && revision == k.revision;
        }

        @Override
        public int hashCode() {
            return Objects.hash(documentId, revision);
        }
    }
}
