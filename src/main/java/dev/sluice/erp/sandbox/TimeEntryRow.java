package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a time entry; a later version supersedes it. */
@Entity
@Table(schema = "sandbox", name = "time_entry")
@IdClass(TimeEntryRow.Key.class)
class TimeEntryRow extends PanacheEntityBase {

    @Id
    @Column(name = "external_id")
    public String externalId;

    @Id
    public int version;

    @Column(name = "document_id")
    public String documentId;

    @Column(name = "project_code")
    public String projectCode;

    @Column(name = "task_code")
    public String taskCode;

    @Column(name = "contract_number")
    public String contractNumber;

    @JdbcTypeCode(SqlTypes.JSON)
    public String entry;

    /** The contract line the entry's task is charged to. */
    @Column(name = "line_number")
    public Integer lineNumber;

    /** Hours at the employee's cost rate, rounded to the currency's minor unit. */
    public java.math.BigDecimal cost;

    /** Hours at the contract's rate for the role; zero unless billable on a T&M line. Unrounded. */
    public java.math.BigDecimal value;

    public boolean superseded;

    @Column(name = "posted_at")
    public OffsetDateTime postedAt;

    static class Key implements Serializable {
        public String externalId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(externalId, k.externalId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(externalId, version);
        }
    }
}
