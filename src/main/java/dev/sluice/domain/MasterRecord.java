package dev.sluice.domain;

/** A record of the ERP's master data, identified by its business key. */
public sealed interface MasterRecord
        permits MasterRecord.Customer, MasterRecord.Employee, MasterRecord.Item, MasterRecord.LegalEntity,
        MasterRecord.Currency, MasterRecord.TaxCode, MasterRecord.GlAccount {

    String key();

    record Customer(String customerNumber, String name, Status status, String currency) implements MasterRecord {
        public enum Status { ACTIVE, BLOCKED }

        @Override
        public String key() {
            return customerNumber;
        }
    }

    record Employee(String employeeNumber, String name, String role, java.math.BigDecimal costRate, String currency,
            String legalEntity, Status status, java.time.LocalDate terminationDate) implements MasterRecord {
        public enum Status { ACTIVE, TERMINATED }

        @Override
        public String key() {
            return employeeNumber;
        }

        /** Whether the employee could work on {@code date}: not terminated, or terminated on or after it. */
        public boolean employedOn(java.time.LocalDate date) {
            if (status == Status.ACTIVE) {
                return true;
            }
            return terminationDate != null && !date.isAfter(terminationDate);
        }
    }

    record Item(String itemNumber, String name, Type type) implements MasterRecord {
        public enum Type { SERVICE, EXPENSE, PRODUCT }

        @Override
        public String key() {
            return itemNumber;
        }
    }

    record LegalEntity(String code, String name, String currency) implements MasterRecord {
        @Override
        public String key() {
            return code;
        }
    }

    record Currency(String code, int minorUnits) implements MasterRecord {
        @Override
        public String key() {
            return code;
        }
    }

    record TaxCode(String code, java.math.BigDecimal rate) implements MasterRecord {
        @Override
        public String key() {
            return code;
        }
    }

    record GlAccount(String number, String name, Type type) implements MasterRecord {
        public enum Type { ASSET, LIABILITY, EQUITY, REVENUE, EXPENSE }

        @Override
        public String key() {
            return number;
        }
    }
}
