package dev.sluice.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One part of an operation still to deliver. Rows of one aggregate (a contract and everything
 * under it) are delivered one at a time in id order, which is acceptance order.
 */
@Entity
@Table(name = "outbox")
class OutboxRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "operation_id")
    public UUID operationId;

    public String part;

    @Column(name = "aggregate_key")
    public String aggregateKey;

    /** The command this part delivers (for a time batch: its entries for one contract). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String command;

    /** The ERP backend this part goes to; null (rows from before routing) means the default backend. */
    public String backend;

    /** The legal entity the part is booked in, where known. */
    @Column(name = "legal_entity")
    public String legalEntity;

    public int attempts;

    @Column(name = "available_at")
    public OffsetDateTime availableAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** When the first attempt that failed was made; null while none has (and again after a replay). */
    @Column(name = "first_failed_at")
    public OffsetDateTime firstFailedAt;

    /** Set when attempts were exhausted: the row holds its aggregate until replayed or discarded. */
    @Column(name = "dead_lettered_at")
    public OffsetDateTime deadLetteredAt;

    /** What the last failed attempt met, e.g. UNREACHABLE; see {@code ErpUnavailableException.Cause}. */
    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "last_error")
    public String lastError;
}
