package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** What a prospective change order fixed for a line; see {@link RevenueRules.Basis}. */
@Entity
@Table(schema = "sandbox", name = "line_basis")
@IdClass(LineBasisRow.Key.class)
class LineBasisRow extends PanacheEntityBase {

    @Id
    @Column(name = "contract_number")
    public String contractNumber;

    @Id
    @Column(name = "line_number")
    public int lineNumber;

    public BigDecimal recognized;

    public BigDecimal measure;

    @Column(name = "change_order_number")
    public String changeOrderNumber;

    static Key key(String contractNumber, int lineNumber) {
        Key key = new Key();
        key.contractNumber = contractNumber;
        key.lineNumber = lineNumber;
        return key;
    }

    static class Key implements Serializable {
        public String contractNumber;
        public int lineNumber;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(contractNumber, k.contractNumber) && lineNumber == k.lineNumber;
        }

        @Override
        public int hashCode() {
            return Objects.hash(contractNumber, lineNumber);
        }
    }
}
