package dev.sluice.delivery;

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

/** A client's Idempotency-Key, the request it was first used for, and the answer given then. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRow.Key.class)
class IdempotencyRow extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    public String fingerprint;

    @Column(name = "operation_id")
    public UUID operationId;

    @Column(name = "response_status")
    public Integer responseStatus;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "response_body")
    public String responseBody;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** CLAIMED while the request is being accepted, ANSWERED once it was. */
    public String state;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    static Key key(String clientId, String idempotencyKey) {
        Key key = new Key();
        key.clientId = clientId;
        key.idempotencyKey = idempotencyKey;
        return key;
    }

    static class Key implements Serializable {
        public String clientId;
        public String idempotencyKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(clientId, k.clientId)
                    && Objects.equals(idempotencyKey, k.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, idempotencyKey);
        }
    }
}
