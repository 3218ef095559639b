package org.callrec.core.retention;

import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.audit.AuditWriteException;

/** A test audit sink in memory that can be told to fail one append. */
final class RecordingAuditSink implements AuditSink {
    final List<AuditEntry> entries = new ArrayList<>();
    private int failAt = -1;
    private int appends;

    /** Makes the n-th append from now (1-based) fail. */
    void failAppendNumber(int n) {
        failAt = appends + n;
    }

    List<String> actions() {
        return entries.stream().map(AuditEntry::action).toList();
    }

    @Override
    public void append(AuditEntry entry) throws AuditWriteException {
        appends++;
        if (appends == failAt) {
            throw new AuditWriteException("injected audit failure at append " + appends, null);
        }
        entries.add(entry);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
