package dev.callgate.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Where the front's event loops take their buffers from: Netty's pooled allocator rather than 4.2's default adaptive
 * one. Each event loop allocates from its own cache, where the adaptive one goes through a queue of chunks that both
 * loops share: a ListInstances call costs 4 % less CPU; a refusal's CPU moved within the machine's spread. One direct
 * arena per event loop and chunks of 1 MiB, not Netty's two arenas per core of 4 MiB: the defaults kept 8 MB of
 * direct memory against 2, for no more speed (bench/journal.md, "The pooled allocator"). Public for the bench's bare
 * Netty server, which is configured as the front is.
 */
public final class FrontBuffers {
    // A chunk is the allocator's page (8 KiB unless configured otherwise) doubled this many times: 1 MiB.
    private static final int CHUNK_ORDER = 7;

    private FrontBuffers() {
    }

    public static ByteBufAllocator allocator(int eventLoops) {
        return new PooledByteBufAllocator(true, 0, eventLoops, PooledByteBufAllocator.defaultPageSize(), CHUNK_ORDER,
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
                PooledByteBufAllocator.defaultUseCacheForAllThreads());
    }
}
