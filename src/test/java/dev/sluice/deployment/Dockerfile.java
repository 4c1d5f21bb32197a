package dev.sluice.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code src/main/docker/Dockerfile.jvm} read as its instructions, in order. */
record Dockerfile(List<Instruction> instructions) {

    static final Path PATH = Path.of("src/main/docker/Dockerfile.jvm");

    /** One instruction: its keyword in upper case and the rest of its (joined) lines. */
    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile read() {
        try {
            return parse(Files.readAllLines(PATH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (pending.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().strip();
            pending.setLength(0);
            int space = text.indexOf(' ');
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                    text.substring(space + 1).strip()));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    /** The arguments of every instruction with this keyword, in order. */
    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The arguments of the last instruction with this keyword: the one in force. */
    Optional<String> last(String keyword) {
        List<String> all = all(keyword);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The exec form of the ENTRYPOINT (a JSON array); empty when the shell form is used. */
    Optional<List<String>> execEntrypoint() {
        String entrypoint = last("ENTRYPOINT").orElse("");
        if (!entrypoint.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readValue(entrypoint, new TypeReference<List<String>>() {
            }));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The ports EXPOSE declares, every instruction together. */
    List<Integer> exposedPorts() {
        return all("EXPOSE").stream().flatMap(ports -> List.of(ports.split("\\s+")).stream())
                .map(port -> Integer.parseInt(port.replace("/tcp", ""))).toList();
    }
}
