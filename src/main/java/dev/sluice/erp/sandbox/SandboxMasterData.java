package dev.sluice.erp.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.platform.Json;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The sandbox's master data: loaded at start-up from a YAML file the user can replace, then
 * read like any ERP's. The file is the source of truth: records not in it are removed.
 */
@ApplicationScoped
class SandboxMasterData {

    private static final Logger LOG = Logger.getLogger(SandboxMasterData.class);
    private static final String BUILT_IN = "sandbox/master-data.yaml";
    /** Record components a seed file may leave out. */
    private static final Set<String> OPTIONAL = Set.of("terminationDate");

    private final SandboxConfig config;
    private final Json json;
    private final EntityManager entityManager;
    private final ObjectMapper yaml;

    SandboxMasterData(SandboxConfig config, Json json, EntityManager entityManager) {
        this.config = config;
        this.json = json;
        this.entityManager = entityManager;
        this.yaml = json.mapper().copyWith(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Transactional
    void load(@Observes StartupEvent start) {
        String source = config.masterDataFile().map(Object::toString).orElse("classpath:" + BUILT_IN);
        Map<MasterDataType<?>, List<MasterRecord>> records = parse(source);
        int count = 0;
        // every type, also those the file lacks: the file is the whole truth, a type it lacks has no records
        for (MasterDataType<?> recordType : MasterDataType.ALL) {
            String type = recordType.name();
            List<String> codes = new ArrayList<>();
            for (MasterRecord record : records.getOrDefault(recordType, List.of())) {
                entityManager.createNativeQuery("""
                        insert into sandbox.master_record (type, code, body) values (?1, ?2, cast(?3 as jsonb))
                        on conflict (type, code) do update set body = excluded.body""")
                        .setParameter(1, type)
                        .setParameter(2, record.key())
                        .setParameter(3, json.write(record))
                        .executeUpdate();
                codes.add(record.key());
            }
            entityManager.createNativeQuery("delete from sandbox.master_record where type = ?1 and not (code = any(?2))")
                    .setParameter(1, type)
                    .setParameter(2, codes.toArray(String[]::new))
                    .executeUpdate();
            count += codes.size();
        }
        LOG.infof("Sandbox ERP master data: %d records from %s", count, source);
    }

    @Transactional
    <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        List<MasterRecordRow> rows = MasterRecordRow
                .find("type = ?1 and code > ?2 order by code", type.name(), afterKey == null ? "" : afterKey)
                .page(0, limit + 1)
                .list();
        List<T> items = rows.stream().limit(limit).map(r -> json.read(r.body, type.recordType())).toList();
        String next = rows.size() > limit ? items.get(items.size() - 1).key() : null;
        return new Page<>(items, next);
    }

    @Transactional
    <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        MasterRecordRow.Key id = new MasterRecordRow.Key();
        id.type = type.name();
        id.code = key;
        return Optional.ofNullable(MasterRecordRow.<MasterRecordRow>findById(id))
                .map(r -> json.read(r.body, type.recordType()));
    }

    private Map<MasterDataType<?>, List<MasterRecord>> parse(String source) {
        JsonNode root;
        try (InputStream in = open(source)) {
            root = yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Sandbox master data " + source + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("Sandbox master data " + source + ": expected a mapping of record types");
        }
        Map<MasterDataType<?>, List<MasterRecord>> records = new LinkedHashMap<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            MasterDataType<?> type = MasterDataType.named(name).orElseThrow(() -> new IllegalStateException(
                    "Sandbox master data " + source + ": /" + name + " is not a master-data type; expected one of "
                            + MasterDataType.ALL));
            List<MasterRecord> list = new ArrayList<>();
            JsonNode items = root.get(name);
            for (int i = 0; i < items.size(); i++) {
                list.add(record(source, "/" + name + "/" + i, items.get(i), type));
            }
            records.put(type, list);
        }
        return records;
    }

    private MasterRecord record(String source, String path, JsonNode node, MasterDataType<?> type) {
        MasterRecord record;
        try {
            record = yaml.treeToValue(node, type.recordType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Sandbox master data " + source + " " + path + ": "
                    + e.getOriginalMessage(), e);
        }
        for (RecordComponent component : type.recordType().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value == null && !OPTIONAL.contains(component.getName())) {
                throw new IllegalStateException("Sandbox master data " + source + " " + path + ": "
                        + component.getName() + " is missing");
            }
        }
        return record;
    }

    private InputStream open(String source) throws IOException {
        if (source.startsWith("classpath:")) {
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUILT_IN);
            if (in == null) {
                throw new IOException("not on the class path");
            }
            return in;
        }
        return Files.newInputStream(config.masterDataFile().orElseThrow());
    }
}
