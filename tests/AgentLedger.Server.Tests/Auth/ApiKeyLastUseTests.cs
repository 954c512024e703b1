using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AgentLedger.Server.Tests.Auth;

/// <summary>A real server whose clock the test moves.</summary>
public sealed class FakeClockServerFixture : ServerFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    protected override IEnumerable<string> ExtraArgs => ["--Compliance:Logs:SealingEnabled=false", "--Governance:JobEnabled=false"];

    protected override void ConfigureBuilder(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>A key's last use: recorded off the request path, at most once a minute per key, kept when the key is revoked.</summary>
public sealed class ApiKeyLastUseTests(FakeClockServerFixture server) : IClassFixture<FakeClockServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void KeyUsed_ManyTimesWithinTheInterval_QueuesOneWritePerKeyUntilTheIntervalHasPassed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var recorder = new ApiKeyUsageRecorder(server.Services.GetRequiredService<IWorkspaceStore>(), clock, NullLogger<ApiKeyUsageRecorder>.Instance);

        var first = Enumerable.Range(0, 100).Select(_ => recorder.KeyUsed("key-a")).ToList();
        var other = recorder.KeyUsed("key-b");
        clock.Advance(ApiKeyUsageRecorder.Interval - TimeSpan.FromSeconds(1));
        var almost = recorder.KeyUsed("key-a");
        clock.Advance(TimeSpan.FromSeconds(1));
        var next = Enumerable.Range(0, 100).Select(_ => recorder.KeyUsed("key-a")).ToList();

        Assert.Equal([true, .. Enumerable.Repeat(false, 99)], first);
        Assert.True(other);
        Assert.False(almost);
        Assert.Equal([true, .. Enumerable.Repeat(false, 99)], next);
    }

    [Fact]
    public async Task Requests_WithAKey_RecordItsLastUseOncePerMinute_AndRevokingKeepsIt()
    {
        var admin = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var created = await (await admin.Client().PostAsJsonAsync($"/api/v1/workspaces/{admin.Id}/keys",
            new { name = "ci", scopes = new[] { "ingest" } })).Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("token").GetString()!;
        var keyId = created.GetProperty("key_id").GetString()!;
        using var ingest = server.Client(token);
        Assert.Null(await LastUsedAsync(admin, keyId));
        var firstUse = server.Clock.GetUtcNow();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ingest.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()))).StatusCode);
        }

        Assert.Equal(firstUse, await WaitForLastUseAsync(admin, keyId, firstUse));
        server.Clock.Advance(TimeSpan.FromSeconds(40));
        for (var i = 0; i < 20; i++)
        {
            await ingest.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));
        }

        await Task.Delay(300);
        Assert.Equal(firstUse, await LastUsedAsync(admin, keyId));

        server.Clock.Advance(TimeSpan.FromSeconds(30));
        var secondUse = server.Clock.GetUtcNow();
        await ingest.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));
        Assert.Equal(secondUse, await WaitForLastUseAsync(admin, keyId, secondUse));

        server.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client().DeleteAsync($"/api/v1/workspaces/{admin.Id}/keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ingest.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()))).StatusCode);
        var listed = await KeyAsync(admin, keyId);
        Assert.Equal(secondUse, listed.GetProperty("last_used_at").GetDateTimeOffset());
        Assert.Equal(server.Clock.GetUtcNow(), listed.GetProperty("revoked_at").GetDateTimeOffset());
    }

    private static async Task<JsonElement> KeyAsync(TestWorkspace admin, string keyId)
    {
        var keys = await admin.Client().GetFromJsonAsync<JsonElement[]>($"/api/v1/workspaces/{admin.Id}/keys", Json);
        return keys!.Single(k => k.GetProperty("key_id").GetString() == keyId);
    }

    private static async Task<DateTimeOffset?> LastUsedAsync(TestWorkspace admin, string keyId) =>
        (await KeyAsync(admin, keyId)).TryGetProperty("last_used_at", out var at) ? at.GetDateTimeOffset() : null;

    /// <summary>The write happens off the request path: poll the admin API until it shows <paramref name="expected"/> (or give up).</summary>
    private static async Task<DateTimeOffset?> WaitForLastUseAsync(TestWorkspace admin, string keyId, DateTimeOffset expected)
    {
        DateTimeOffset? seen = null;
        for (var i = 0; i < 100 && seen != expected; i++)
        {
            await Task.Delay(50);
            seen = await LastUsedAsync(admin, keyId);
        }

        return seen;
    }
}
