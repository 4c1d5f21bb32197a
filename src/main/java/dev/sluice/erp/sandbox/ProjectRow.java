package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A project as the sandbox holds it now. */
@Entity
@Table(schema = "sandbox", name = "project")
class ProjectRow extends PanacheEntityBase {

    @Id
    @Column(name = "project_code")
    public String projectCode;

    @Column(name = "contract_number")
    public String contractNumber;

    @Column(name = "document_id")
    public String documentId;

    public int revision;

    @Column(name = "content_hash")
    public String contentHash;

    @JdbcTypeCode(SqlTypes.JSON)
    public String state;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
