package dev.sluice.erp.businesscentral;

/** An update carried an ETag the entity no longer has ({@code Request_EntityChanged}): re-read, then try again. */
final class BcStaleEtag extends RuntimeException {

    BcStaleEtag(String message) {
        super(message);
    }
}
