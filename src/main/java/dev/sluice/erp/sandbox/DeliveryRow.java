package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A delivery the sandbox processed, by the gateway's external reference, with its outcome. */
@Entity
@Table(schema = "sandbox", name = "delivery")
class DeliveryRow extends PanacheEntityBase {

    @Id
    public String reference;

    @JdbcTypeCode(SqlTypes.JSON)
    public String outcome;

    @jakarta.persistence.Column(name = "processed_at")
    public OffsetDateTime processedAt;

    /** The trace context the delivery came with, or null. */
    public String traceparent;
}
