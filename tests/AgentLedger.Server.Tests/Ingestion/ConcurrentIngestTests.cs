using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion;

public sealed class ConcurrentIngestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Ingest_ManyConcurrentRequests_AllStoredWithGapFreeSeq()
    {
        var ws = await server.NewWorkspaceAsync();
        const int requests = 24, perRequest = 40;
        var sent = Enumerable.Range(0, requests)
            .Select(_ => Enumerable.Range(0, perRequest).Select(_ => EventBuilder.Prompt()).ToArray())
            .ToArray();

        var responses = await Task.WhenAll(sent.Select(async batch =>
        {
            using var client = ws.Client();
            return await (await client.PostEventsAsync(EventBuilder.Batch(batch))).EnsureSuccessStatusCode().ReadJsonAsync();
        }));

        Assert.All(responses, r => Assert.Equal(perRequest, (int)r["accepted"]!));
        var stored = await ws.Client().ReadAllRecordsAsync(ws.Id);
        Assert.Equal(Enumerable.Range(1, requests * perRequest).Select(i => (long)i), stored.Select(r => (long)r["seq"]!));
        Assert.Equal(sent.SelectMany(b => b).Select(e => e.EventId).Order(), stored.Select(r => (string)r["event_id"]!).Order());
    }
}
