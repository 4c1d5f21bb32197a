package dev.sluice.delivery;

import dev.sluice.domain.OperationType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One recorded step of an operation, under the correlation id it was accepted with. */
@Entity
@Table(name = "lineage_event")
class LineageEventRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "operation_id")
    public UUID operationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "operation_type")
    public OperationType operationType;

    public String step;

    public OffsetDateTime at;

    public String detail;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "erp_references")
    public String erpReferences;

    @Column(name = "delivered_by")
    public String deliveredBy;

    @JdbcTypeCode(SqlTypes.JSON)
    public String effects;
}
