package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Master data read with SuiteQL, in key order: {@code WHERE key > 'after' ORDER BY key}, paged
 * with NetSuite's {@code limit}/{@code offset} until the gateway's page is full or NetSuite has
 * no more.
 */
final class NetSuiteMasterData {

    /**
     * SuiteQL compares {@code lastmodifieddate} in the account's time zone, which the adapter
     * does not know; asking from a day earlier reads a few records again but never misses one.
     */
    static final Duration CLOCK_MARGIN = Duration.ofHours(24);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final NetSuiteClient client;
    private final MasterDataQueries queries;

    NetSuiteMasterData(NetSuiteClient client, MasterDataQueries queries) {
        this.client = client;
        this.queries = queries;
    }

    <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        Optional<MasterDataQueries.Query> found = queries.of(type);
        if (found.isEmpty() || limit <= 0) {
            return new Page<>(List.of(), null);
        }
        MasterDataQueries.Query query = found.get();
        String q = (afterKey == null ? query.select() : query.where(query.key() + " > "
                + NetSuiteClient.literal(afterKey))) + " ORDER BY " + query.key();
        // one row more than asked tells whether a next page exists; offsets stay multiples of the page size
        int wanted = limit + 1;
        int pageSize = Math.min(wanted, NetSuiteClient.MAX_PAGE);
        List<T> rows = new ArrayList<>();
        int offset = 0;
        boolean more = true;
        while (rows.size() < wanted && more) {
            NetSuiteClient.Rows page = client.query(q, pageSize, offset);
            page.items().forEach(row -> rows.add(type.cast(query.row().apply(row))));
            more = page.hasMore() && !page.items().isEmpty();
            offset += pageSize;
        }
        if (rows.size() > limit) {
            List<T> items = rows.subList(0, limit);
            return new Page<>(items, items.get(limit - 1).key());
        }
        return new Page<>(rows, null);
    }

    <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        return queries.of(type).flatMap(query -> client.first(query.where(query.key() + " = "
                        + NetSuiteClient.literal(key))))
                .map(row -> type.cast(queries.of(type).orElseThrow().row().apply(row)));
    }

    <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
        Optional<MasterDataQueries.Query> found = queries.of(type).filter(q -> q.lastModified() != null);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MasterDataQueries.Query query = found.get();
        String from = TIMESTAMP.format(since.minus(CLOCK_MARGIN));
        String q = query.where(query.lastModified() + " >= TO_TIMESTAMP('" + from + "', 'YYYY-MM-DD HH24:MI:SS')")
                + " ORDER BY " + query.key();
        List<T> records = new ArrayList<>();
        for (JsonNode row : client.queryAll(q)) {
            records.add(type.cast(query.row().apply(row)));
        }
        return Optional.of(records);
    }
}
