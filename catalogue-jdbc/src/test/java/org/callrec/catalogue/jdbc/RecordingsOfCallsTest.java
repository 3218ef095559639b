package org.callrec.catalogue.jdbc;

import static org.callrec.testkit.catalogue.CatalogueSamples.at;
import static org.callrec.testkit.catalogue.CatalogueSamples.bareCall;
import static org.callrec.testkit.catalogue.CatalogueSamples.recording;
import static org.callrec.testkit.catalogue.CatalogueSamples.richCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.callrec.spi.catalogue.CallRecordings;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.RecordingEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls a subject access request found, read at once (clause 4.4): the catalogue's own
 * set-based reading gives exactly what the contract's default, one call at a time, gives.
 */
class RecordingsOfCallsTest {
    /** More calls than one batch holds, so that the answer spans batches. */
    private static final int MANY = CallIdBatch.MOST + 3;

    @TempDir
    Path folder;

    private JdbcCatalogue catalogue;

    @BeforeEach
    void open() {
        catalogue = EmbeddedCatalogues.openIn(folder, Clock.systemUTC(), JdbcCatalogueTest.SEAL);
    }

    @AfterEach
    void close() {
        catalogue.close();
    }

    @Test
    void readsTheFoundCallsAsTheDefaultReadsThemOneByOne() {
        List<String> asked = catalogueCallsOfEveryShape(catalogue);

        List<CallRecordings> read = catalogue.recordingsOfCalls(asked);

        assertEquals(byDefault(catalogue).recordingsOfCalls(asked), read);
        assertEquals(List.of("call-rich", "call-bare", "call-rich"),
                read.stream().limit(3).map(found -> found.call().callId()).toList());
        assertEquals(List.of("rec-early", "rec-middle", "rec-late"), read.get(0).recordings()
                .stream().map(RecordingEntry::recordingId).toList());
        assertTrue(read.get(1).recordings().isEmpty(), read.get(1).toString());
    }

    @Test
    void readsMoreCallsThanOneBatchHoldsAsTheDefaultDoes() {
        List<String> asked = new ArrayList<>();
        for (int call = MANY; call > 0; call--) {
            String callId = "call-" + call;
            catalogue.saveCall(bareCall(callId, at(call)));
            catalogue.addRecording(recording("rec-" + call, callId, at(call)));
            asked.add(callId);
        }

        List<CallRecordings> read = catalogue.recordingsOfCalls(asked);

        assertEquals(MANY, read.size());
        assertEquals(byDefault(catalogue).recordingsOfCalls(asked), read);
    }

    @Test
    void findsNothingWhenNoCallIsAskedFor() {
        List<CallRecordings> read = catalogue.recordingsOfCalls(List.of());

        assertEquals(List.of(), read);
    }

    @Test
    void refusesACallIdThatBreaksTheCallIdRule() {
        List<String> asked = List.of("call-1", "bad id'--");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> catalogue.recordingsOfCalls(asked));

        assertTrue(refused.getMessage().contains("bad id'--"), refused.getMessage());
        assertTrue(refused.getMessage().contains("must be 1 to 96"), refused.getMessage());
    }

    /**
     * Catalogues a call with recordings added out of span order, one with none, recordings of
     * a call never catalogued, and returns ids to ask for: those, a repeat, and an unknown id.
     */
    static List<String> catalogueCallsOfEveryShape(Catalogue catalogue) {
        catalogue.saveCall(richCall("call-rich"));
        catalogue.addRecording(spanOf("rec-late", "call-rich", "span-3", 300));
        catalogue.addRecording(spanOf("rec-early", "call-rich", "span-1", 100));
        catalogue.addRecording(spanOf("rec-middle", "call-rich", "span-2", 200));
        catalogue.saveCall(bareCall("call-bare", at(5)));
        catalogue.addRecording(recording("rec-orphan", "call-uncatalogued", at(7)));
        return List.of("call-rich", "call-bare", "call-rich", "call-uncatalogued",
                "call-unknown");
    }

    /** Returns a view of the catalogue that answers {@code recordingsOfCalls} by the default. */
    static Catalogue byDefault(Catalogue catalogue) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, arguments);
            }
            try {
                return method.invoke(catalogue, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Catalogue) Proxy.newProxyInstance(Catalogue.class.getClassLoader(),
                new Class<?>[] {Catalogue.class}, handler);
    }

    private static RecordingEntry spanOf(String recordingId, String callId, String spanId,
            long startNanos) {
        RecordingEntry sample = recording(recordingId, callId, at(startNanos));
        return new RecordingEntry(recordingId, callId, spanId, sample.objectKey(),
                at(startNanos), at(startNanos + 50), sample.plaintextBytes(),
                sample.ciphertextBytes(), sample.ciphertextSha256(), sample.wrappedKey(),
                sample.storedAt(), null);
    }
}
