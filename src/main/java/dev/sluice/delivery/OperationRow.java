package dev.sluice.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An accepted write and where it is on its way to the ERP. */
@Entity
@Table(name = "operation")
class OperationRow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public OperationType type;

    @Enumerated(EnumType.STRING)
    public OperationStatus status;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "correlation_id")
    public String correlationId;

    public String traceparent;

    @Column(name = "business_key")
    public String businessKey;

    /** The whole command as accepted, in canonical form. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String command;

    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "posted_at")
    public OffsetDateTime postedAt;

    public int attempts;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "erp_references")
    public String erpReferences;

    @JdbcTypeCode(SqlTypes.JSON)
    public String problem;

    /** Accepted while the gateway could not check everything alone: validated again before delivery. */
    @Column(name = "validation_deferred")
    public boolean validationDeferred;

    /** When the write passed validation: at acceptance, or, when deferred, before its first delivery. */
    @Column(name = "validated_at")
    public OffsetDateTime validatedAt;
}
