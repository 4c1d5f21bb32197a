package dev.sluice.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A resource method that implements no contract operation never runs. The product has none
 * (ArchitectureTest walks them all), so the filter's decision is checked on a made-up one.
 */
class MethodWithoutOperationTest {

    /** Matched the way a resource method named after no operation would be. */
    private static final SimpleResourceInfo UNMAPPED = new SimpleResourceInfo() {
        @Override
        public Class<?> getResourceClass() {
            return MethodWithoutOperationTest.class;
        }

        @Override
        public String getMethodName() {
            return "dumpConfiguration";
        }

        @Override
        public Class<?>[] parameterTypes() {
            return new Class<?>[0];
        }
    };

    private final Logger log = Logger.getLogger(AccessControl.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseTheLog() {
        log.removeHandler(capture);
    }

    @Test
    void isRefusedAsAnUnknownPathBeforeAnyTokenIsLookedAt() {
        // no identity, registry or request: the refusal needs none of them
        AccessControl access = new AccessControl(null, null, null, null);

        assertThatThrownBy(() -> access.authorize(UNMAPPED, null))
                .as("answered as no-such-route, like a path nothing answers at")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void isLoggedAsAnErrorNamingTheMethod() {
        AccessControl access = new AccessControl(null, null, null, null);

        assertThatThrownBy(() -> access.authorize(UNMAPPED, null)).isInstanceOf(NotFoundException.class);

        assertThat(logged).as("error records logged by AccessControl")
                .filteredOn(record -> record.getLevel().intValue() >= Level.SEVERE.intValue())
                .extracting(record -> record.getMessage().formatted(record.getParameters()))
                .anySatisfy(message -> assertThat(message)
                        .contains(MethodWithoutOperationTest.class.getName() + ".dumpConfiguration"));
    }
}
