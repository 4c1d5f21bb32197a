package dev.sluice.erp.businesscentral;

import static dev.sluice.erp.businesscentral.BcSchema.Field.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a Business Central record reads as the gateway's master data, per type: the entity set
 * it comes from, its key, and the record made of it. Types BC cannot provide have no source.
 */
final class MasterDataMapping {

    /**
     * Minor units of a local currency ISO 4217 does not know. BC keeps its amount decimal places in
     * the General Ledger Setup, but API v2.0's {@code generalLedgerSetup} exposes neither them nor
     * the rounding precision (only {@code localCurrencyCode} and {@code localCurrencySymbol}), so
     * the currency's ISO 4217 minor units are used: 0 for JPY, 3 for KWD, else this.
     */
    static final int LOCAL_CURRENCY_MINOR_UNITS = 2;

    /** Where one master-data type comes from: the set, the key field, and the change-stamp field. */
    record Source(BcSchema.EntitySet set, BcSchema.Field key, BcSchema.Field modified) {
    }

    private final String legalEntity;

    MasterDataMapping(String legalEntity) {
        this.legalEntity = legalEntity;
    }

    /** The BC source of a type; empty for legal entities, which are the company itself. */
    Optional<Source> source(MasterDataType<?> type) {
        return Optional.ofNullable(switch (type.name()) {
            case "customers" -> new Source(BcSchema.EntitySet.CUSTOMERS, CUSTOMER_NUMBER, CUSTOMER_MODIFIED);
            case "employees" -> new Source(BcSchema.EntitySet.EMPLOYEES, EMPLOYEE_NUMBER, EMPLOYEE_MODIFIED);
            case "items" -> new Source(BcSchema.EntitySet.ITEMS, ITEM_NUMBER, ITEM_MODIFIED);
            case "currencies" -> new Source(BcSchema.EntitySet.CURRENCIES, CURRENCY_CODE, CURRENCY_MODIFIED);
            case "tax-codes" -> new Source(BcSchema.EntitySet.TAX_GROUPS, TAX_GROUP_CODE, TAX_GROUP_MODIFIED);
            case "gl-accounts" -> new Source(BcSchema.EntitySet.ACCOUNTS, ACCOUNT_NUMBER, ACCOUNT_MODIFIED);
            default -> null;
        });
    }

    /**
     * The record {@code node} is. {@code localCurrency} answers the company's local currency (null
     * when BC has none set); it is asked only for a record whose currency code is blank, which in
     * BC means the local currency.
     */
    <T extends MasterRecord> T record(MasterDataType<T> type, JsonNode node, Supplier<String> localCurrency) {
        MasterRecord record = switch (type.name()) {
            case "customers" -> new MasterRecord.Customer(text(node, CUSTOMER_NUMBER), text(node, CUSTOMER_NAME),
                    customerStatus(text(node, CUSTOMER_BLOCKED)), currency(text(node, CUSTOMER_CURRENCY), localCurrency));
            case "employees" -> employee(node);
            case "items" -> new MasterRecord.Item(text(node, ITEM_NUMBER), text(node, ITEM_NAME),
                    itemType(text(node, ITEM_TYPE)));
            case "currencies" -> new MasterRecord.Currency(text(node, CURRENCY_CODE),
                    minorUnits(text(node, CURRENCY_DECIMAL_PLACES)));
            // a BC tax group classifies what is taxed; the rate lives in tax areas/VAT setup the API does not expose
            case "tax-codes" -> new MasterRecord.TaxCode(text(node, TAX_GROUP_CODE), null);
            case "gl-accounts" -> new MasterRecord.GlAccount(text(node, ACCOUNT_NUMBER), text(node, ACCOUNT_NAME),
                    accountType(text(node, ACCOUNT_CATEGORY)));
            default -> throw new IllegalArgumentException("no Business Central source for " + type);
        };
        return type.cast(record);
    }

    /** The legal entity this backend is: its code from the settings, name from BC, and its local currency. */
    MasterRecord.LegalEntity legalEntity(JsonNode company, String localCurrency) {
        return new MasterRecord.LegalEntity(legalEntity, text(company, COMPANY_DISPLAY_NAME), localCurrency);
    }

    /** The company's local currency as a currency record: BC's {@code currencies} holds foreign ones only. */
    static MasterRecord.Currency localCurrency(String code) {
        int minorUnits;
        try {
            minorUnits = java.util.Currency.getInstance(code).getDefaultFractionDigits();
        } catch (IllegalArgumentException notIso) {
            minorUnits = -1;
        }
        return new MasterRecord.Currency(code, minorUnits < 0 ? LOCAL_CURRENCY_MINOR_UNITS : minorUnits);
    }

    /** A BC currency code; blank, BC's way of saying the local currency, is the local currency's code. */
    static String currency(String code, Supplier<String> localCurrency) {
        return code.isBlank() ? localCurrency.get() : code;
    }

    private MasterRecord.Employee employee(JsonNode node) {
        String status = text(node, EMPLOYEE_STATUS);
        String terminated = text(node, EMPLOYEE_TERMINATION_DATE);
        LocalDate terminationDate = terminated.isEmpty() || terminated.startsWith("0001-") ? null
                : LocalDate.parse(terminated);
        // BC's API has no role, cost rate or cost currency on employees: those stay null
        return new MasterRecord.Employee(text(node, EMPLOYEE_NUMBER), text(node, EMPLOYEE_NAME), null, null, null,
                legalEntity, "Terminated".equals(status) ? MasterRecord.Employee.Status.TERMINATED
                        : MasterRecord.Employee.Status.ACTIVE, terminationDate);
    }

    static MasterRecord.Customer.Status customerStatus(String blocked) {
        // " " is BC's "not blocked"; Ship, Invoice and All each stop new invoices or shipments
        return blocked.isBlank() || "_x0020_".equals(blocked) ? MasterRecord.Customer.Status.ACTIVE
                : MasterRecord.Customer.Status.BLOCKED;
    }

    static MasterRecord.Item.Type itemType(String type) {
        return switch (type) {
            case "Service" -> MasterRecord.Item.Type.SERVICE;
            case "Inventory" -> MasterRecord.Item.Type.PRODUCT;
            // non-inventory items are bought and charged on, never stocked: expenses passed through
            default -> MasterRecord.Item.Type.EXPENSE;
        };
    }

    static MasterRecord.GlAccount.Type accountType(String category) {
        return switch (category) {
            case "Assets" -> MasterRecord.GlAccount.Type.ASSET;
            case "Liabilities" -> MasterRecord.GlAccount.Type.LIABILITY;
            case "Equity" -> MasterRecord.GlAccount.Type.EQUITY;
            case "Income" -> MasterRecord.GlAccount.Type.REVENUE;
            case "Cost_x0020_of_x0020_Goods_x0020_Sold", "Cost of Goods Sold", "Expense" ->
                    MasterRecord.GlAccount.Type.EXPENSE;
            // headings and totals have no category
            default -> null;
        };
    }

    /** BC writes decimal places as {@code "2:2"} (minimum:maximum) or {@code "2"}; minor units are the maximum. */
    static int minorUnits(String decimalPlaces) {
        if (decimalPlaces.isBlank()) {
            return 2;
        }
        String max = decimalPlaces.contains(":") ? decimalPlaces.substring(decimalPlaces.indexOf(':') + 1)
                : decimalPlaces;
        try {
            return Integer.parseInt(max.strip());
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    static String text(JsonNode node, BcSchema.Field field) {
        return node.path(field.property()).asText("");
    }
}
