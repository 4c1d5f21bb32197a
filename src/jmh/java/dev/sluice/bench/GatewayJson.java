package dev.sluice.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dev.sluice.platform.JacksonCustomizer;
import dev.sluice.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The gateway's JSON without CDI: the {@link ObjectMapper} as Quarkus produces it (its
 * defaults, the Java time, JDK 8 and parameter-names modules it registers, then the
 * application's {@link JacksonCustomizer}), the {@link Json} built on it, and request bodies
 * parsed the way {@code BodyValidation} parses them.
 */
public final class GatewayJson {

    private GatewayJson() {
    }

    /** The application's mapper: Quarkus' defaults, then {@link JacksonCustomizer}. */
    public static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        // quarkus.jackson.* defaults, applied by Quarkus' ConfigurationCustomizer
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.registerModule(new Jdk8Module());
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new ParameterNamesModule());
        new JacksonCustomizer().customize(mapper);
        return mapper;
    }

    /** {@link Json} as CDI injects it: on the application's mapper. */
    public static Json json() {
        return new Json(mapper());
    }

    /** A request body parsed as {@code BodyValidation} does (strict duplicate detection, no trailing tokens). */
    public static JsonNode parseBody(ObjectMapper mapper, byte[] body) {
        ObjectReader strict = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try {
            return strict.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
