package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A change order the sandbox applied, to recognise a repeat. */
@Entity
@Table(schema = "sandbox", name = "change_order")
@IdClass(ChangeOrderRow.Key.class)
class ChangeOrderRow extends PanacheEntityBase {

    @Id
    @Column(name = "contract_number")
    public String contractNumber;

    @Id
    @Column(name = "change_order_number")
    public String changeOrderNumber;

    @Column(name = "document_id")
    public String documentId;

    @Column(name = "content_hash")
    public String contentHash;

    static class Key implements Serializable {
        public String contractNumber;
        public String changeOrderNumber;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(contractNumber, k.contractNumber)
                    && Objects.equals(changeOrderNumber, k.changeOrderNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contractNumber, changeOrderNumber);
        }
    }
}
