package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How each kind of master data is read from NetSuite with SuiteQL: the query, the column that is
 * the business key, and how a row becomes a record. Dates are asked for as {@code YYYY-MM-DD} so
 * the user's date format preference does not matter.
 */
final class MasterDataQueries {

    /**
     * One type's query. {@code select} ends where a {@code WHERE} condition may follow (with
     * {@code AND} when {@code hasWhere}); {@code lastModified} is the column of the last change,
     * or null when NetSuite keeps none this adapter can rely on.
     */
    record Query(String select, boolean hasWhere, String key, String lastModified, Function<JsonNode, MasterRecord> row) {

        String where(String condition) {
            return select + (hasWhere ? " AND " : " WHERE ") + condition;
        }
    }

    private final Map<MasterDataType<?>, Query> queries;

    MasterDataQueries(Clock clock) {
        this.queries = Map.of(
                MasterDataType.CUSTOMERS, new Query("""
                        SELECT c.entityid, c.companyname, c.altname, c.isinactive, cur.symbol AS currency \
                        FROM customer c LEFT JOIN currency cur ON cur.id = c.currency""", false,
                        "c.entityid", "c.lastmodifieddate", MasterDataQueries::customer),
                MasterDataType.EMPLOYEES, new Query("""
                        SELECT e.entityid, e.firstname, e.lastname, e.title, e.laborcost, e.isinactive, \
                        TO_CHAR(e.releasedate, 'YYYY-MM-DD') AS releasedate, s.name AS subsidiary, \
                        cur.symbol AS currency FROM employee e LEFT JOIN subsidiary s ON s.id = e.subsidiary \
                        LEFT JOIN currency cur ON cur.id = s.currency""", false,
                        "e.entityid", "e.lastmodifieddate", row -> employee(row, LocalDate.now(clock))),
                MasterDataType.ITEMS, new Query("""
                        SELECT i.itemid, i.displayname, i.itemtype FROM item i WHERE i.isinactive = 'F' \
                        AND i.itemtype IN ('Service', 'OthCharge', 'NonInvtPart', 'InvtPart', 'Kit', 'Assembly')""",
                        true, "i.itemid", "i.lastmodifieddate", MasterDataQueries::item),
                MasterDataType.LEGAL_ENTITIES, new Query("""
                        SELECT s.name, s.legalname, cur.symbol AS currency FROM subsidiary s \
                        LEFT JOIN currency cur ON cur.id = s.currency WHERE s.isinactive = 'F'""", true,
                        "s.name", null, MasterDataQueries::legalEntity),
                MasterDataType.CURRENCIES, new Query("""
                        SELECT c.symbol, c.currencyprecision FROM currency c WHERE c.isinactive = 'F'""", true,
                        "c.symbol", null, MasterDataQueries::currency),
                MasterDataType.TAX_CODES, new Query("""
                        SELECT t.itemid, t.rate FROM salestaxitem t WHERE t.isinactive = 'F'""", true,
                        "t.itemid", null, MasterDataQueries::taxCode),
                MasterDataType.GL_ACCOUNTS, new Query("""
                        SELECT a.acctnumber, a.acctname, a.accttype FROM account a WHERE a.isinactive = 'F' \
                        AND a.acctnumber IS NOT NULL AND a.accttype NOT IN ('Stat', 'NonPosting')""", true,
                        "a.acctnumber", "a.lastmodifieddate", MasterDataQueries::glAccount));
    }

    Optional<Query> of(MasterDataType<?> type) {
        return Optional.ofNullable(queries.get(type));
    }

    private static MasterRecord customer(JsonNode row) {
        String name = text(row, "companyname");
        return new MasterRecord.Customer(text(row, "entityid"), name != null ? name : text(row, "altname"),
                flag(row, "isinactive") ? MasterRecord.Customer.Status.BLOCKED : MasterRecord.Customer.Status.ACTIVE,
                text(row, "currency"));
    }

    private static MasterRecord employee(JsonNode row, LocalDate today) {
        String first = text(row, "firstname");
        String last = text(row, "lastname");
        String name = first == null && last == null ? text(row, "entityid")
                : ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        LocalDate released = Optional.ofNullable(text(row, "releasedate")).map(LocalDate::parse).orElse(null);
        boolean gone = flag(row, "isinactive") || released != null && !released.isAfter(today);
        return new MasterRecord.Employee(text(row, "entityid"), name, text(row, "title"), decimal(row, "laborcost"),
                text(row, "currency"), text(row, "subsidiary"),
                gone ? MasterRecord.Employee.Status.TERMINATED : MasterRecord.Employee.Status.ACTIVE, released);
    }

    private static MasterRecord item(JsonNode row) {
        String type = text(row, "itemtype");
        MasterRecord.Item.Type mapped = switch (type == null ? "" : type) {
            case "Service" -> MasterRecord.Item.Type.SERVICE;
            case "OthCharge" -> MasterRecord.Item.Type.EXPENSE;
            default -> MasterRecord.Item.Type.PRODUCT;
        };
        String name = text(row, "displayname");
        return new MasterRecord.Item(text(row, "itemid"), name != null ? name : text(row, "itemid"), mapped);
    }

    private static MasterRecord legalEntity(JsonNode row) {
        String legalName = text(row, "legalname");
        return new MasterRecord.LegalEntity(text(row, "name"), legalName != null ? legalName : text(row, "name"),
                text(row, "currency"));
    }

    private static MasterRecord currency(JsonNode row) {
        BigDecimal precision = decimal(row, "currencyprecision");
        return new MasterRecord.Currency(text(row, "symbol"), precision == null ? 2 : precision.intValue());
    }

    /** NetSuite keeps a rate as a percentage ({@code 8.25} or {@code 8.25%}); the gateway as a fraction. */
    private static MasterRecord taxCode(JsonNode row) {
        String rate = text(row, "rate");
        BigDecimal fraction = rate == null ? BigDecimal.ZERO
                : new BigDecimal(rate.replace("%", "").strip()).movePointLeft(2).stripTrailingZeros();
        return new MasterRecord.TaxCode(text(row, "itemid"), fraction);
    }

    private static MasterRecord glAccount(JsonNode row) {
        String type = text(row, "accttype");
        MasterRecord.GlAccount.Type mapped = switch (type == null ? "" : type) {
            case "AcctPay", "CredCard", "OthCurrLiab", "LongTermLiab", "DeferRevenue" ->
                    MasterRecord.GlAccount.Type.LIABILITY;
            case "Equity" -> MasterRecord.GlAccount.Type.EQUITY;
            case "Income", "OthIncome" -> MasterRecord.GlAccount.Type.REVENUE;
            case "COGS", "Expense", "OthExpense" -> MasterRecord.GlAccount.Type.EXPENSE;
            default -> MasterRecord.GlAccount.Type.ASSET;
        };
        return new MasterRecord.GlAccount(text(row, "acctnumber"), text(row, "acctname"), mapped);
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode row, String column) {
        String value = text(row, column);
        return value == null ? null : new BigDecimal(value);
    }

    private static boolean flag(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value != null && ("T".equals(value.asText()) || value.asBoolean(false));
    }
}
