using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Core.Tests;

public sealed class IngestBatchWriterTests
{
    [Fact]
    public async Task WriteAsync_RequestsQueuedDuringACommit_AreCommittedTogether()
    {
        var store = new GatedWriter();
        await using var writer = NewWriter(store, maxPerCommit: 1000);

        var first = writer.WriteAsync(Records(1), CancellationToken.None);
        await store.CommitStarted.WaitAsync(TestContext.Current.CancellationToken);
        var queued = Enumerable.Range(0, 10).Select(_ => writer.WriteAsync(Records(3), CancellationToken.None)).ToArray();
        await WaitUntilAsync(() => writer.QueuedRequests == 10);
        store.Release();
        await first;
        var outcomes = await Task.WhenAll(queued);

        Assert.Equal([1, 30], store.CommitSizes);
        Assert.All(outcomes, o => Assert.Equal(3, o.Count));
    }

    [Fact]
    public async Task WriteAsync_CommitLimit_SplitsBetweenRequestsNeverInsideOne()
    {
        var store = new GatedWriter();
        await using var writer = NewWriter(store, maxPerCommit: 5);

        var blocker = writer.WriteAsync(Records(1), CancellationToken.None);
        await store.CommitStarted.WaitAsync(TestContext.Current.CancellationToken);
        var queued = new[] { 3, 3, 7, 1 }.Select(n => writer.WriteAsync(Records(n), CancellationToken.None)).ToArray();
        await WaitUntilAsync(() => writer.QueuedRequests == 4);
        store.Release();
        await blocker;
        await Task.WhenAll(queued);

        Assert.Equal([1, 3, 3, 7, 1], store.CommitSizes);
    }

    [Fact]
    public async Task WriteAsync_FailedCommit_FailsItsRequestsAndTheWriterGoesOn()
    {
        var store = new GatedWriter { FailNext = true };
        store.Release();
        await using var writer = NewWriter(store, maxPerCommit: 100);

        await Assert.ThrowsAsync<IngestCommitException>(() => writer.WriteAsync(Records(2), CancellationToken.None));
        var after = await writer.WriteAsync(Records(2), CancellationToken.None);

        Assert.Equal(2, after.Count);
        Assert.True(writer.IsRunning);
    }

    private static IngestBatchWriter NewWriter(IRecordWriter store, int maxPerCommit) =>
        new(store, new DlpIngestFilter(new DlpPolicy(Options.Create(new DlpOptions())), new DlpHasherSource(new DlpHasher([1, 2, 3])), NullLogger<DlpIngestFilter>.Instance),
            Options.Create(new IngestWriterOptions { MaxRecordsPerCommit = maxPerCommit }),
            new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(),
            NullLogger<IngestBatchWriter>.Instance);

    private static ActivityRecord[] Records(int count) =>
        Enumerable.Range(0, count).Select(i => new ActivityRecord
        {
            Id = Guid.NewGuid().ToString("N"), WorkspaceId = "w", EventId = Guid.NewGuid().ToString("N"),
            OccurredAt = DateTimeOffset.UnixEpoch, ReceivedAt = DateTimeOffset.UnixEpoch, Source = RecordSource.NativeEvent,
            Kind = RecordKind.UserPrompt, Actor = new ActorIdentity { Email = "a@b.c" }, Agent = Agent.Codex, ClientId = ClientId.CodexCli,
        }).ToArray();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    /// <summary>
    /// The storage seam of the writer, holding its first commit until released so that a test can queue requests
    /// behind it. It records what it is asked to commit; it stands in for no behaviour under test.
    /// </summary>
    private sealed class GatedWriter : IRecordWriter
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<int> Sizes { get; } = new();

        public List<int> CommitSizes => [.. Sizes];

        public bool FailNext { get; set; }

        public Task CommitStarted => _started.Task;

        public void Release() => _release.TrySetResult();

        public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            await _release.Task;
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("disk full");
            }

            Sizes.Enqueue(records.Count);
            return records.Select((_, i) => new AppendOutcome(true, i + 1)).ToArray();
        }
    }
}
