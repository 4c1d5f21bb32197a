package dev.sluice.erp.businesscentral;

/**
 * Every entity set, property and bound action of Business Central's API v2.0 that this adapter
 * reads or writes, with the EDM type it assumes. The mapping code takes its field names from
 * here and nowhere else, so a test can hold this registry against the vendor's {@code $metadata}
 * and fail when the adapter names something the API does not have.
 */
final class BcSchema {

    private BcSchema() {
    }

    /** An entity set under {@code companies({id})}, with the entity type its members have. */
    enum EntitySet {
        COMPANIES("companies", "company"),
        CUSTOMERS("customers", "customer"),
        EMPLOYEES("employees", "employee"),
        ITEMS("items", "item"),
        CURRENCIES("currencies", "currency"),
        ACCOUNTS("accounts", "account"),
        TAX_GROUPS("taxGroups", "taxGroup"),
        GENERAL_LEDGER_SETUP("generalLedgerSetup", "generalLedgerSetup"),
        PROJECTS("projects", "project"),
        TIME_REGISTRATION_ENTRIES("timeRegistrationEntries", "timeRegistrationEntry"),
        SALES_INVOICES("salesInvoices", "salesInvoice"),
        SALES_INVOICE_LINES("salesInvoiceLines", "salesInvoiceLine");

        private final String path;
        private final String entityType;

        EntitySet(String path, String entityType) {
            this.path = path;
            this.entityType = entityType;
        }

        /** The name in URLs, e.g. {@code salesInvoices}. */
        String path() {
            return path;
        }

        /** The entity type's name in namespace {@code Microsoft.NAV}. */
        String entityType() {
            return entityType;
        }
    }

    /** A property of one entity set, as the adapter reads or writes it. */
    enum Field {
        COMPANY_DISPLAY_NAME(EntitySet.COMPANIES, "displayName", "Edm.String"),
        LEDGER_LOCAL_CURRENCY(EntitySet.GENERAL_LEDGER_SETUP, "localCurrencyCode", "Edm.String"),
        LEDGER_MODIFIED(EntitySet.GENERAL_LEDGER_SETUP, "lastModifiedDateTime", "Edm.DateTimeOffset"),

        CUSTOMER_NUMBER(EntitySet.CUSTOMERS, "number", "Edm.String"),
        CUSTOMER_NAME(EntitySet.CUSTOMERS, "displayName", "Edm.String"),
        CUSTOMER_BLOCKED(EntitySet.CUSTOMERS, "blocked", "Microsoft.NAV.customerBlocked"),
        CUSTOMER_CURRENCY(EntitySet.CUSTOMERS, "currencyCode", "Edm.String"),
        CUSTOMER_MODIFIED(EntitySet.CUSTOMERS, "lastModifiedDateTime", "Edm.DateTimeOffset"),

        EMPLOYEE_NUMBER(EntitySet.EMPLOYEES, "number", "Edm.String"),
        EMPLOYEE_NAME(EntitySet.EMPLOYEES, "displayName", "Edm.String"),
        EMPLOYEE_STATUS(EntitySet.EMPLOYEES, "status", "Microsoft.NAV.employeeStatus"),
        EMPLOYEE_TERMINATION_DATE(EntitySet.EMPLOYEES, "terminationDate", "Edm.Date"),
        EMPLOYEE_MODIFIED(EntitySet.EMPLOYEES, "lastModifiedDateTime", "Edm.DateTimeOffset"),

        ITEM_NUMBER(EntitySet.ITEMS, "number", "Edm.String"),
        ITEM_NAME(EntitySet.ITEMS, "displayName", "Edm.String"),
        ITEM_TYPE(EntitySet.ITEMS, "type", "Microsoft.NAV.itemType"),
        ITEM_MODIFIED(EntitySet.ITEMS, "lastModifiedDateTime", "Edm.DateTimeOffset"),

        CURRENCY_CODE(EntitySet.CURRENCIES, "code", "Edm.String"),
        CURRENCY_DECIMAL_PLACES(EntitySet.CURRENCIES, "amountDecimalPlaces", "Edm.String"),
        CURRENCY_MODIFIED(EntitySet.CURRENCIES, "lastModifiedDateTime", "Edm.DateTimeOffset"),

        ACCOUNT_NUMBER(EntitySet.ACCOUNTS, "number", "Edm.String"),
        ACCOUNT_NAME(EntitySet.ACCOUNTS, "displayName", "Edm.String"),
        ACCOUNT_CATEGORY(EntitySet.ACCOUNTS, "category", "Microsoft.NAV.glAccountCategory"),
        ACCOUNT_MODIFIED(EntitySet.ACCOUNTS, "lastModifiedDateTime", "Edm.DateTimeOffset"),

        TAX_GROUP_CODE(EntitySet.TAX_GROUPS, "code", "Edm.String"),
        TAX_GROUP_MODIFIED(EntitySet.TAX_GROUPS, "lastModifiedDateTime", "Edm.DateTimeOffset"),

        PROJECT_ID(EntitySet.PROJECTS, "id", "Edm.Guid"),
        PROJECT_NUMBER(EntitySet.PROJECTS, "number", "Edm.String", 20),
        PROJECT_NAME(EntitySet.PROJECTS, "displayName", "Edm.String", 100),

        TIME_ID(EntitySet.TIME_REGISTRATION_ENTRIES, "id", "Edm.Guid"),
        TIME_EMPLOYEE_NUMBER(EntitySet.TIME_REGISTRATION_ENTRIES, "employeeNumber", "Edm.String"),
        TIME_JOB_NUMBER(EntitySet.TIME_REGISTRATION_ENTRIES, "jobNumber", "Edm.String"),
        TIME_JOB_TASK_NUMBER(EntitySet.TIME_REGISTRATION_ENTRIES, "jobTaskNumber", "Edm.String"),
        TIME_DATE(EntitySet.TIME_REGISTRATION_ENTRIES, "date", "Edm.Date"),
        TIME_QUANTITY(EntitySet.TIME_REGISTRATION_ENTRIES, "quantity", "Edm.Decimal"),

        INVOICE_ID(EntitySet.SALES_INVOICES, "id", "Edm.Guid"),
        INVOICE_NUMBER(EntitySet.SALES_INVOICES, "number", "Edm.String"),
        INVOICE_EXTERNAL_DOCUMENT_NUMBER(EntitySet.SALES_INVOICES, "externalDocumentNumber", "Edm.String", 35),
        INVOICE_CONTRACT_REFERENCE(EntitySet.SALES_INVOICES, "customerPurchaseOrderReference", "Edm.String", 35),
        INVOICE_CUSTOMER_NUMBER(EntitySet.SALES_INVOICES, "customerNumber", "Edm.String"),
        INVOICE_CURRENCY(EntitySet.SALES_INVOICES, "currencyCode", "Edm.String"),
        INVOICE_STATUS(EntitySet.SALES_INVOICES, "status", "Microsoft.NAV.invoiceEntityAggregateStatus"),
        INVOICE_TOTAL_EXCLUDING_TAX(EntitySet.SALES_INVOICES, "totalAmountExcludingTax", "Edm.Decimal"),

        INVOICE_LINE_TYPE(EntitySet.SALES_INVOICE_LINES, "lineType", "Microsoft.NAV.invoiceLineAggLineType"),
        INVOICE_LINE_ITEM_NUMBER(EntitySet.SALES_INVOICE_LINES, "lineObjectNumber", "Edm.String"),
        INVOICE_LINE_DESCRIPTION(EntitySet.SALES_INVOICE_LINES, "description", "Edm.String", 100),
        INVOICE_LINE_QUANTITY(EntitySet.SALES_INVOICE_LINES, "quantity", "Edm.Decimal"),
        INVOICE_LINE_UNIT_PRICE(EntitySet.SALES_INVOICE_LINES, "unitPrice", "Edm.Decimal");

        private final EntitySet set;
        private final String property;
        private final String edmType;
        private final int maxLength;

        Field(EntitySet set, String property, String edmType) {
            this(set, property, edmType, 0);
        }

        /** A string the adapter fits into the property's {@code MaxLength}, so it relies on that length. */
        Field(EntitySet set, String property, String edmType, int maxLength) {
            this.set = set;
            this.property = property;
            this.edmType = edmType;
            this.maxLength = maxLength;
        }

        EntitySet set() {
            return set;
        }

        /** The property's name in JSON and in {@code $filter}. */
        String property() {
            return property;
        }

        String edmType() {
            return edmType;
        }

        /** The {@code MaxLength} the adapter relies on, or 0 where it relies on none. */
        int maxLength() {
            return maxLength;
        }

        /** {@code value} cut to the property's length, for descriptive text BC would refuse as too long. */
        String fit(String value) {
            return maxLength == 0 || value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
        }
    }

    /** A bound action, called as {@code POST .../set({id})/Microsoft.NAV.name}. */
    enum BoundAction {
        POST_SALES_INVOICE(EntitySet.SALES_INVOICES, "post");

        private final EntitySet boundTo;
        private final String name;

        BoundAction(EntitySet boundTo, String name) {
            this.boundTo = boundTo;
            this.name = name;
        }

        EntitySet boundTo() {
            return boundTo;
        }

        /** The action's name in $metadata. */
        String actionName() {
            return name;
        }

        /** The path segment after the entity's key. */
        String segment() {
            return "Microsoft.NAV." + name;
        }
    }
}
