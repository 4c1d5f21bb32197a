package dev.sluice.domain;

import java.util.List;
import java.util.Optional;

/** The kinds of master data the gateway reads from the ERP, by the name the API uses for them. */
public final class MasterDataType<T extends MasterRecord> {

    public static final MasterDataType<MasterRecord.Customer> CUSTOMERS =
            new MasterDataType<>("customers", MasterRecord.Customer.class);
    public static final MasterDataType<MasterRecord.Employee> EMPLOYEES =
            new MasterDataType<>("employees", MasterRecord.Employee.class);
    public static final MasterDataType<MasterRecord.Item> ITEMS =
            new MasterDataType<>("items", MasterRecord.Item.class);
    public static final MasterDataType<MasterRecord.LegalEntity> LEGAL_ENTITIES =
            new MasterDataType<>("legal-entities", MasterRecord.LegalEntity.class);
    public static final MasterDataType<MasterRecord.Currency> CURRENCIES =
            new MasterDataType<>("currencies", MasterRecord.Currency.class);
    public static final MasterDataType<MasterRecord.TaxCode> TAX_CODES =
            new MasterDataType<>("tax-codes", MasterRecord.TaxCode.class);
    public static final MasterDataType<MasterRecord.GlAccount> GL_ACCOUNTS =
            new MasterDataType<>("gl-accounts", MasterRecord.GlAccount.class);

    public static final List<MasterDataType<?>> ALL =
            List.of(CUSTOMERS, EMPLOYEES, ITEMS, LEGAL_ENTITIES, CURRENCIES, TAX_CODES, GL_ACCOUNTS);

    private final String name;
    private final Class<T> recordType;

    private MasterDataType(String name, Class<T> recordType) {
        this.name = name;
        this.recordType = recordType;
    }

    public static Optional<MasterDataType<?>> named(String name) {
        return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
    }

    /** The name in the API's paths, e.g. {@code legal-entities}. */
    public String name() {
        return name;
    }

    public Class<T> recordType() {
        return recordType;
    }

    public T cast(MasterRecord record) {
        return recordType.cast(record);
    }

    @Override
    public String toString() {
        return name;
    }
}
