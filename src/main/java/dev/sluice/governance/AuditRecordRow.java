package dev.sluice.governance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One record of the audit log; the database refuses to change or remove it. */
@Entity
@Table(name = "audit_record")
class AuditRecordRow extends PanacheEntityBase {

    @Id
    public Long id;

    public OffsetDateTime at;

    @Column(name = "client_id")
    public String clientId;

    public String subject;

    public String operation;

    public String resource;

    public int status;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "body_sha256")
    public String bodySha256;

    @Column(name = "previous_hash")
    public String previousHash;

    public String hash;
}
