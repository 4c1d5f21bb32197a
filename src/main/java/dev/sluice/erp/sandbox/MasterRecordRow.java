package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One master-data record of the sandbox, as JSON under its type and code. */
@Entity
@Table(schema = "sandbox", name = "master_record")
@IdClass(MasterRecordRow.Key.class)
class MasterRecordRow extends PanacheEntityBase {

    @Id
    public String type;

    @Id
    public String code;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String body;

    static class Key implements Serializable {
        public String type;
        public String code;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(type, k.type) && Objects.equals(code, k.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, code);
        }
    }
}
