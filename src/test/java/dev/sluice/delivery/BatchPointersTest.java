package dev.sluice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.Violation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An ERP's refusal of one contract's part of a time batch points into the batch the caller sent. */
class BatchPointersTest {

    private final TimeEntry a1 = entry("TE-1", "P-A");
    private final TimeEntry b1 = entry("TE-2", "P-B");
    private final TimeEntry a2 = entry("TE-3", "P-A");
    private final TimeEntry b2 = entry("TE-4", "P-B");
    private final ApproveTime whole = new ApproveTime(List.of(a1, b1, a2, b2));
    private final ApproveTime partB = new ApproveTime(List.of(b1, b2));

    @Test
    void anEntryOfThePartIsNamedByItsPlaceInTheWholeBatch() {
        List<Violation> refused = List.of(
                new Violation("/entries/1/hours", "PERIOD_CLOSED", "the period is closed"),
                new Violation("/entries/0", "UNKNOWN_EMPLOYEE", "EMP-001 is not an employee"));

        assertThat(BatchPointers.inWholeRequest(whole, partB, refused)).containsExactly(
                new Violation("/entries/3/hours", "PERIOD_CLOSED", "the period is closed"),
                new Violation("/entries/1", "UNKNOWN_EMPLOYEE", "EMP-001 is not an employee"));
    }

    @Test
    void aPointerOutsideTheEntriesOrToNoEntryOfThePartStaysAsTheErpSaidIt() {
        List<Violation> refused = List.of(
                new Violation("", "PERIOD_CLOSED", "the whole part"),
                new Violation("/entries/7/hours", "INVALID", "an index the part does not have"),
                new Violation("/entries/x", "INVALID", "not an index"));

        assertThat(BatchPointers.inWholeRequest(whole, partB, refused)).isEqualTo(refused);
    }

    private static TimeEntry entry(String id, String project) {
        return new TimeEntry(id, 1, "EMP-001", project, "T1", LocalDate.parse("2026-02-03"), new BigDecimal("8"),
                "CONSULTANT", true, "EMP-007", OffsetDateTime.parse("2026-02-04T09:00:00Z"), null);
    }
}
