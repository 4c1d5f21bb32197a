package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A report of progress on, or acceptance of, a milestone. */
@Entity
@Table(schema = "sandbox", name = "milestone_completion")
class MilestoneCompletionRow extends PanacheEntityBase {

    @Id
    @Column(name = "document_id")
    public String documentId;

    @Column(name = "project_code")
    public String projectCode;

    @Column(name = "milestone_code")
    public String milestoneCode;

    @Column(name = "contract_number")
    public String contractNumber;

    @Column(name = "content_hash")
    public String contentHash;

    @JdbcTypeCode(SqlTypes.JSON)
    public String completion;

    public boolean accepted;

    @Column(name = "posted_at")
    public OffsetDateTime postedAt;
}
