package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private final Cursors cursors = new Cursors(() -> "cursor-key-of-this-gateway-0123456789");
    private final Cursors otherGateway = new Cursors(() -> "cursor-key-of-another-gateway-0123456");

    @Test
    void aCursorHandedOutGivesBackTheKeyItContinuesAfter() {
        assertThat(cursors.decode(cursors.encode("CUST-001"))).isEqualTo("CUST-001");
        assertThat(cursors.decodeLong(cursors.encode(4711L))).isEqualTo(4711L);
    }

    @Test
    void aCursorIsTakenByEveryReplicaWithTheSameKey() {
        Cursors replica = new Cursors(() -> "cursor-key-of-this-gateway-0123456789");

        assertThat(replica.decodeLong(cursors.encode(4711L))).isEqualTo(4711L);
    }

    @Test
    void aCursorIsUrlSafeAndWithinTheContractsLengthForTheLongestKey() {
        String cursor = cursors.encode("K".repeat(64));

        assertThat(cursor).as("the contracts' PageAfter schema").matches("[A-Za-z0-9_-]{1,200}");
        assertThat(cursors.encode(Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(47);
    }

    @Test
    void refusesACursorWithAFlippedCharacter() {
        String cursor = cursors.encode(4711L);
        // the first character's six bits all carry data (the last one's may be padding)
        String flipped = (cursor.charAt(0) == 'A' ? 'B' : 'A') + cursor.substring(1);

        assertInvalidCursor(() -> cursors.decodeLong(flipped));
    }

    @Test
    void refusesACursorSignedWithAnotherKey() {
        assertInvalidCursor(() -> cursors.decodeLong(otherGateway.encode(4711L)));
        assertInvalidCursor(() -> cursors.decode(otherGateway.encode("CUST-001")));
    }

    @Test
    void refusesASignedCursorThatHoldsNoNumberWhereANumberIsExpected() {
        assertInvalidCursor(() -> cursors.decodeLong(cursors.encode("CUST-001")));
        assertInvalidCursor(() -> cursors.decodeLong(cursors.encode("99999999999999999999")));
    }

    @Test
    void refusesACursorThatIsNotBase64OrTooShortToBeSigned() {
        assertInvalidCursor(() -> cursors.decode("A"));
        assertInvalidCursor(() -> cursors.decode("not*base64"));
        assertInvalidCursor(() -> cursors.decode("AAAAAAAAAAAAAAAAAAAAAA"));
    }

    private static void assertInvalidCursor(ThrowingCallable decode) {
        ProblemException refusal = catchThrowableOfType(ProblemException.class, decode);

        assertThat(refusal).as("refused as a problem").isNotNull();
        assertThat(refusal.kind()).isEqualTo(ProblemKind.INVALID_REQUEST);
        assertThat(refusal.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.pointer()).isEqualTo("query:after");
            assertThat(violation.code()).isEqualTo("INVALID_CURSOR");
        });
    }
}
