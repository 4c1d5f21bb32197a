package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before the embedded database starts, what it finds in its folder: a server left by a killed
 * gateway is stopped (see {@code EmbeddedRestartIT}), anything else is left alone.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path data;

    @Test
    void aFolderAnotherLiveGatewayHoldsIsRefusedWithoutTouchingItsServer() throws Exception {
        postmasterPid(ProcessHandle.current().pid());
        Path lockFile = Files.createFile(data.resolve("epg-lock"));
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            assertThatThrownBy(() -> EmbeddedDatabase.stopOrphanedServer(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another gateway runs on the embedded database in " + data)
                    .hasMessageContaining("sluice.embedded-database.data-directory");
        }
    }

    @Test
    void aProcessIdThatNoLongerNamesAPostgresServerIsLeftAlone() throws Exception {
        // the pid was given to another program since (here: this test's JVM)
        postmasterPid(ProcessHandle.current().pid());
        Files.createFile(data.resolve("epg-lock"));

        EmbeddedDatabase.stopOrphanedServer(data);

        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(data.resolve("postmaster.pid")).exists();
    }

    @Test
    void aStaleOrGarbledPidFileIsLeftToPostgresql() throws Exception {
        Files.createFile(data.resolve("epg-lock"));
        Files.writeString(data.resolve("postmaster.pid"), "not-a-pid\n" + data + "\n");
        EmbeddedDatabase.stopOrphanedServer(data);

        Files.writeString(data.resolve("postmaster.pid"), "12345\n/some/other/folder\n");
        EmbeddedDatabase.stopOrphanedServer(data);

        assertThat(data.resolve("postmaster.pid")).exists();
    }

    /** A {@code postmaster.pid} as PostgreSQL writes it: pid, data folder, start time, port. */
    private void postmasterPid(long pid) throws Exception {
        Files.writeString(data.resolve("postmaster.pid"), pid + "\n" + data + "\n1765000000\n5432\n");
    }
}
