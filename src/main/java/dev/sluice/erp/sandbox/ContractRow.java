package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A contract as the sandbox holds it now; its history is in the journal. */
@Entity
@Table(schema = "sandbox", name = "contract")
class ContractRow extends PanacheEntityBase {

    @Id
    @Column(name = "contract_number")
    public String contractNumber;

    @Column(name = "document_id")
    public String documentId;

    public int revision;

    /** Digest of the last upsert's terms, to recognise a repeat. */
    @Column(name = "content_hash")
    public String contentHash;

    @JdbcTypeCode(SqlTypes.JSON)
    public String state;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
