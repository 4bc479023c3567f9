package io.flowanalyzer.ingest.formats;

/** A value that is present but not what its field promises; the message is the reject's reason. */
final class BadField extends Exception {
    BadField(String message) {
        super(message, null, false, false);
    }
}
