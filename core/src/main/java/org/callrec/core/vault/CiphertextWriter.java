package org.callrec.core.vault;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Takes ciphertext from the encrypting thread and passes it to a {@link CiphertextSink} on a
 * thread of its own, so that hashing and writing one segment overlap with encrypting the next.
 * On two cores a recording is then stored in about the time its encryption alone takes, and
 * the SHA-256 of the first recording, slow until the JIT has compiled it, runs beside the
 * encryption instead of after it.
 *
 * <p>At most {@link #CHUNKS} chunks of ciphertext are in flight, so memory stays bounded
 * whatever the size of the recording. Only ciphertext passes through; nothing is written
 * anywhere but the sink.
 *
 * <p>One encrypting thread writes; {@link #finish} or {@link #close} must be called, and the
 * sink's target may be committed or discarded only after one of them has returned, because the
 * writing thread runs until then.
 */
// Limitation: the gain needs a second core that is free. On one core, or on two shared with
// other busy processes, each hand-off can wait for the writing thread to be scheduled; under a
// load of 5 to 14 on two cores no gain could be told apart from the noise (benchmarks/README).
final class CiphertextWriter extends OutputStream {
    /** The size of one chunk: one ciphertext segment. */
    static final int CHUNK_BYTES = DataKeys.SEGMENT_BYTES;

    /** How many chunks are in flight at most: enough to keep both threads busy. */
    static final int CHUNKS = 4;

    private static final long WAIT_MILLIS = 100;

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final CiphertextSink sink;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(CHUNKS);
    private final FutureTask<Void> writing;
    private volatile Throwable failure;
    private byte[] current;
    private int used;
    private boolean ended;

    /** Starts the writing thread on the executor. */
    CiphertextWriter(CiphertextSink sink, Executor executor) {
        this.sink = sink;
        for (int i = 0; i < CHUNKS; i++) {
            empty.add(new byte[CHUNK_BYTES]);
        }
        this.writing = new FutureTask<>(this::drain);
        executor.execute(writing);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            throw new IOException("the ciphertext writer has finished");
        }

        while (length > 0) {
            if (current == null) {
                current = takeEmpty();
                used = 0;
            }
            int n = Math.min(length, CHUNK_BYTES - used);
            System.arraycopy(buffer, offset, current, used, n);
            used += n;
            offset += n;
            length -= n;
            if (used == CHUNK_BYTES) {
                handOff();
            }
        }
    }

    /** Flushing is left to {@link #finish}: a partly filled chunk waits for more ciphertext. */
    @Override
    public void flush() {
        // Nothing to do: the writing thread passes on each chunk as soon as it is full.
    }

    /**
     * Passes on what is left, waits until the writing thread has written everything to the
     * sink, and flushes the sink.
     *
     * @throws IOException the sink's failure, when writing failed
     */
    void finish() throws IOException {
        close();

        Throwable failed = failure;
        if (failed != null) {
            throw asIOException(failed);
        }
        sink.flush();
    }

    /**
     * Passes on what is left and waits until the writing thread has stopped. The cipher's
     * stream calls it when it is closed, after writing its last segment. Idempotent.
     */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        if (current != null && used > 0) {
            filled.add(new Chunk(current, used));
            current = null;
        }
        end();
    }

    private void handOff() throws IOException {
        Throwable failed = failure;
        if (failed != null) {
            throw asIOException(failed);
        }
        filled.add(new Chunk(current, used));
        current = null;
    }

    private byte[] takeEmpty() throws IOException {
        try {
            while (true) {
                byte[] buffer = empty.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (writing.isDone()) {
                    // Only an interrupt of the writing thread ends it early; no buffer returns.
                    throw new IOException("the thread writing the ciphertext stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write ciphertext");
        }
    }

    /**
     * Sends the end mark and waits for the writing thread. There is always room for both the
     * last chunk and the mark: the queue holds one more than there are chunks.
     */
    private void end() {
        ended = true;
        filled.add(END);

        boolean interrupted = false;
        while (true) {
            try {
                writing.get();
                break;
            } catch (InterruptedException e) {
                // The writing thread only drains from here on, so it ends soon: wait for it.
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs on the writing thread: writes each chunk to the sink until the end mark. After a
     * failure it goes on taking chunks without writing them, so the encrypting thread never
     * waits for a buffer that will not come back.
     */
    private Void drain() throws InterruptedException {
        while (true) {
            Chunk chunk = filled.take();
            if (chunk == END) {
                return null;
            }

            if (failure == null) {
                try {
                    sink.write(chunk.bytes(), 0, chunk.length());
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            }
            empty.add(chunk.bytes());
        }
    }

    private static IOException asIOException(Throwable failed) {
        return failed instanceof IOException io ? io
                : new IOException("writing the ciphertext failed", failed);
    }

    /** Ciphertext handed from the encrypting thread to the writing thread. */
    private record Chunk(byte[] bytes, int length) {}
}
