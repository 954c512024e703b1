using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion;

public sealed class NativeEventLimitTests(SmallLimitsServerFixture server) : IClassFixture<SmallLimitsServerFixture>
{
    [Fact]
    public async Task Ingest_BodyOverLimit_Answers413NamingTheLimitAndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync();
        var big = EventBuilder.Prompt().Prompt(new string('x', SmallLimitsServerFixture.MaxBodyBytes));

        var response = await ws.Client().PostEventsAsync(EventBuilder.Batch(big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Ingest:MaxBodyBytes", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Ingest_TooManyEvents_Answers413NamingTheLimit()
    {
        var ws = await server.NewWorkspaceAsync();
        var events = Enumerable.Range(0, SmallLimitsServerFixture.MaxEvents + 1).Select(_ => EventBuilder.Prompt()).ToArray();

        var response = await ws.Client().PostEventsAsync(EventBuilder.Batch(events));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Ingest:MaxEventsPerBatch", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Ingest_EmptyArray_Answers400()
    {
        var ws = await server.NewWorkspaceAsync();
        var response = await ws.Client().PostEventsAsync(new JsonArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no events", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
    }
}
