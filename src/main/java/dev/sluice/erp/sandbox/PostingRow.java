package dev.sluice.erp.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of the sandbox's books; never changed once written (a database trigger refuses it). */
@Entity
@Table(schema = "sandbox", name = "posting")
class PostingRow extends PanacheEntityBase {

    enum Kind { REVENUE, BILLING, COST }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "contract_number")
    public String contractNumber;

    @Column(name = "line_number")
    public int lineNumber;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** Signed: a credit or a reversal is negative. Rounded to the currency's minor unit. */
    public BigDecimal amount;

    public String currency;

    /** The rule that produced it, e.g. {@code POC_PROGRESS}; see docs/revenue.md. */
    public String rule;

    /** The sandbox document that caused it: a time entry, milestone completion or change order. */
    @Column(name = "document_id")
    public String documentId;

    @Column(name = "operation_id")
    public UUID operationId;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    @Column(name = "posted_at")
    public OffsetDateTime postedAt;
}
